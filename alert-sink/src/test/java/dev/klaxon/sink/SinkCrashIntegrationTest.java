package dev.klaxon.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.NotificationLogEntry;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.testing.Alerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notification log's promise (issue 5, design §8) under a real crash: the sink runs in a child
 * JVM that is killed with SIGKILL (no clean close, no leaving its consumer groups, nothing flushed),
 * then a new child with the same group id and config takes over. A real HTTP webhook receiver on
 * 127.0.0.1 records every notification. After the restart nothing already sent is sent again before
 * its {@code repeat_interval}, nothing pending is lost, and a resolution that happened while the
 * sink was down is announced once.
 *
 * <p>"Nothing sent again" is an absence: each check first waits for positive signs that the
 * restarted child owns the groups and is flushing ({@code /health/ready}, checked against the
 * consumer group itself, then a notification it sent), then watches for {@link #ABSENCE} (more than
 * two {@code group_interval}s, each a chance to re-send). The child's session timeout is 6 s, so a
 * restart waits that long for the killed member's partitions; {@link #RESTART} would fail at the
 * default 45 s. The whole class takes about 45 s.
 */
@KafkaIntegrationTest
class SinkCrashIntegrationTest {

  private static final Duration GROUP_INTERVAL = Duration.ofSeconds(2);
  private static final Duration ABSENCE = GROUP_INTERVAL.multipliedBy(2).plusSeconds(1);
  /**
   * Child JVM start plus joining the groups once the dead member's {@link SinkProcess#SESSION_TIMEOUT}
   * has run out (about 7 s here). Below the 45 s default session: a restart that waited for it fails.
   */
  private static final Duration RESTART = Duration.ofSeconds(30);
  private static final String URL_ENV = "KLAXON_CRASH_TEST_WEBHOOK_URL";

  /** Generic webhook receiver; {@code SlowBurn} alerts wait longer, so a test can kill the sink while they are pending. */
  private static final String CONFIG = """
      route:
        receiver: hook
        group_by: [alertname, service]
        group_wait: 1s
        group_interval: 2s
        repeat_interval: 1h
        routes:
          - matchers: ['alertname="SlowBurn"']
            receiver: hook
            group_wait: 5s
      receivers:
        - name: hook
          webhook_configs:
            - url_env: %s
      """.formatted(URL_ENV);

  private final ObjectMapper json = new ObjectMapper();
  private final AvroSerde<Alert> alertSerde = AvroSerde.embedded(Alert.class);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SinkProcess> children = new ArrayList<>();
  private KafkaTestEnv env;
  private Topics topics;
  private String groupId;
  private Path config;
  private Path logs;
  private RecordingServer receiver;
  private KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp(KafkaTestEnv env, @TempDir Path dir) throws IOException {
    this.env = env;
    this.topics = env.createTopics(2);
    this.groupId = env.uniqueName("sink");
    this.config = Files.writeString(dir.resolve("sink.yaml"), CONFIG);
    this.logs = dir;
    this.receiver = RecordingServer.start();
    this.producer = env.producer(new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    for (SinkProcess child : children) {
      child.kill();
    }
    producer.close();
    receiver.close();
  }

  @Test
  void aNotificationSentBeforeTheCrashIsNotSentAgainAfterTheRestart() throws Exception {
    SinkProcess first = startChild();
    publish(firing("fp-checkout", "HighErrorRate", "checkout"));
    await().atMost(Duration.ofSeconds(30)).until(() -> notices("checkout").size() == 1);
    assertThat(notices("checkout").get(0).firing()).containsExactly("fp-checkout");
    awaitLogged("checkout"); // sent and logged: the crash comes after, not between the two
    first.kill();

    SinkProcess second = startChild(); // ready: owns the groups, rebuilt them, read the log
    // Positive sign it also flushes: a new group's notice. From here on the checkout group has its chances to re-send.
    publish(firing("fp-search", "HighErrorRate", "search"));
    await().atMost(RESTART).until(() -> notices("search").size() == 1);

    assertStaysAt(1, "checkout", "no second notification of the unchanged checkout group");
    assertThat(notices("search")).hasSize(1);
    assertThat(second.isAlive()).isTrue();
  }

  @Test
  void aGroupPendingAtTheCrashIsNotifiedExactlyOnceAfterTheRestart() throws Exception {
    SinkProcess first = startChild();
    publish(firing("fp-slow", "SlowBurn", "billing"));
    // Routed into the sink's group state and the alert's offset committed: only the sink has it now.
    await().atMost(Duration.ofSeconds(30)).until(() -> committedRouterOffsets() >= 1);
    first.kill();
    assertThat(receiver.requests()).as("killed inside the 5 s group_wait, before anything was sent").isEmpty();

    SinkProcess second = startChild();
    await().atMost(RESTART).until(() -> notices("billing").size() == 1);
    Notice notice = notices("billing").get(0);
    assertThat(notice.status()).isEqualTo("firing");
    assertThat(notice.firing()).containsExactly("fp-slow");

    assertStaysAt(1, "billing", "no duplicate of the pending group");
    assertThat(second.isAlive()).isTrue();
  }

  @Test
  void anAlertResolvedWhileTheSinkIsDownGetsOneResolvedNoticeAfterTheRestart() throws Exception {
    SinkProcess first = startChild();
    Alert alert = firing("fp-auth", "HighErrorRate", "auth");
    publish(alert);
    await().atMost(Duration.ofSeconds(30)).until(() -> notices("auth").size() == 1);
    assertThat(notices("auth").get(0).status()).isEqualTo("firing");
    awaitLogged("auth");
    first.kill();

    publish(Alerts.resolved(alert, Instant.now()));
    SinkProcess second = startChild();
    await().atMost(RESTART).until(() -> notices("auth").size() == 2);
    Notice resolved = notices("auth").get(1);
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(resolved.resolved()).containsExactly("fp-auth");
    assertThat(resolved.firing()).isEmpty();

    assertStaysAt(2, "auth", "no second resolved notice, no firing re-sent");
    assertThat(second.isAlive()).isTrue();
  }

  // --- helpers ---

  /**
   * Starts a child and waits until {@code /health/ready}; then it must really own the groups: the
   * group stage's consumer group is stable with this child as its only member, holding every
   * group-state partition (a dead predecessor's session has run out). Ready before that would be a
   * lie: the instance would own nothing yet and send nothing.
   */
  private SinkProcess startChild() throws Exception {
    SinkProcess child = SinkProcess.start(env.bootstrapServers(), topics, groupId, config,
        Map.of(URL_ENV, receiver.url("/hook")), logs.resolve("sink-child-" + (children.size() + 1) + ".log"));
    children.add(child);
    int port = child.awaitOpsPort(Duration.ofSeconds(20));
    await("child /health/ready").atMost(RESTART).until(() -> ready(port));
    ConsumerGroupDescription groups;
    try (Admin admin = Admin.create(env.kafka().clientProperties())) {
      groups = admin.describeConsumerGroups(List.of(groupId + "-groups")).all().get().get(groupId + "-groups");
    }
    assertThat(groups.groupState()).as("group stage's group when the child says ready").isEqualTo(GroupState.STABLE);
    assertThat(groups.members()).singleElement()
        .satisfies(m -> assertThat(m.assignment().topicPartitions()).hasSize(2));
    return child;
  }

  private boolean ready(int port) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Alert firing(String fingerprint, String rule, String service) {
    return Alerts.firing(fingerprint, rule, Severity.warning, Instant.now(), "service", service);
  }

  private void publish(Alert alert) throws Exception {
    producer.send(new ProducerRecord<>(topics.alerts(), alert.getFingerprint(), alertSerde.encode(alert))).get();
  }

  /** For {@link #ABSENCE}, the receiver has exactly {@code count} notifications of the group of {@code service}. */
  private void assertStaysAt(int count, String service, String what) {
    await(what).during(ABSENCE).atMost(ABSENCE.plusSeconds(2))
        .untilAsserted(() -> assertThat(notices(service)).as(what).hasSize(count));
  }

  /** Waits until the notification log topic holds an entry for the group of {@code service}. */
  private void awaitLogged(String service) {
    AvroSerde<NotificationLogEntry> serde = AvroSerde.embedded(NotificationLogEntry.class);
    env.readUntil(topics.notifications(), new StringDeserializer(), serde.deserializer(),
        records -> records.stream().anyMatch(r -> r.value() != null
            && r.value().getGroupKey().contains("service=\"" + service + "\"")),
        Duration.ofSeconds(10));
  }

  private long committedRouterOffsets() throws Exception {
    try (Admin admin = Admin.create(env.kafka().clientProperties())) {
      ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(groupId + "-router");
      return result.partitionsToOffsetAndMetadata().get().values().stream()
          .filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }
  }

  /** One webhook notification as the receiver got it. */
  record Notice(String groupKey, String status, String service, List<String> firing, List<String> resolved) {}

  private List<Notice> notices(String service) {
    return receiver.requests().stream().map(r -> parse(r.body())).filter(n -> service.equals(n.service())).toList();
  }

  private Notice parse(String body) {
    try {
      JsonNode node = json.readTree(body);
      List<String> firing = new ArrayList<>();
      List<String> resolved = new ArrayList<>();
      for (JsonNode alert : node.path("alerts")) {
        ("resolved".equals(alert.path("status").asText()) ? resolved : firing).add(alert.path("fingerprint").asText());
      }
      return new Notice(node.path("groupKey").asText(), node.path("status").asText(),
          node.path("groupLabels").path("service").asText(), firing, resolved);
    } catch (IOException e) {
      throw new UncheckedIOException("not a webhook payload: " + body, e);
    }
  }
}

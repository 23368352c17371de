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
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.RecordingServer.Response;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import dev.klaxon.sink.testing.Alerts;
import dev.klaxon.sink.testing.MutableClock;
import dev.klaxon.sink.testing.VirtualTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole sink with the shipped webhook integration: an alert produced to the alerts topic ends
 * at a real local HTTP server, through the delivery stage. The dispatcher runs on a hand-driven
 * clock (alerts fire longer than group_wait, so they flush at once) and delivery waits in virtual
 * time, so retries take no real time.
 */
@KafkaIntegrationTest
class SinkDeliveryIntegrationTest {

  private static final String TOKEN = "s3cr3t-t0ken-0123456789";
  private static final String CONFIG = """
      route:
        receiver: ops
        group_by: [alertname, service]
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 1h
        routes:
          - matchers: ['service="flaky"']
            receiver: flaky
          - matchers: ['service="broken"']
            receiver: broken
          - matchers: ['service="stuck"']
            receiver: stuck
      receivers:
        - name: ops
          webhook_configs: [{url_env: OPS_URL}]
        - name: flaky
          webhook_configs: [{url_env: FLAKY_URL}]
        - name: broken
          webhook_configs: [{url_env: BROKEN_URL}]
        - name: stuck
          webhook_configs: [{url_env: STUCK_URL}]
      """;

  private final RecordingServer ops = RecordingServer.start();
  private final RecordingServer flaky = RecordingServer.start();
  private final RecordingServer broken = RecordingServer.start();
  private final RecordingServer stuck = RecordingServer.start();
  private final MutableClock clock = new MutableClock(Instant.now());
  private final AvroSerde<Alert> alertSerde = AvroSerde.embedded(Alert.class);
  private final HttpClient http = HttpClient.newHttpClient();
  private KafkaTestEnv env;
  private Topics topics;
  private KafkaProducer<String, byte[]> producer;
  private AlertSink sink;

  @BeforeEach
  void setUp(KafkaTestEnv env) {
    this.env = env;
    this.topics = env.createTopics(2);
    this.producer = env.producer(new StringSerializer(), new ByteArraySerializer());
    Map<String, String> secrets = Map.of(
        "OPS_URL", ops.url("/hooks/ops-" + TOKEN), "FLAKY_URL", flaky.url("/hooks/flaky-" + TOKEN),
        "BROKEN_URL", broken.url("/hooks/broken-" + TOKEN), "STUCK_URL", stuck.url("/hooks/stuck-" + TOKEN));
    SinkSettings settings = SinkSettings.defaults(env.bootstrapServers()).withTopics(topics)
        .withGroupId(env.uniqueName("sink")).withPorts(0, -1).withClock(clock)
        .withIntegrations(stats -> Integrations.create(HttpClient.newHttpClient(), secrets::get, stats).byType())
        .withRetryPolicy(RetryPolicy.defaults().withMaxAttempts(3).withAttemptTimeout(Duration.ofSeconds(30)))
        .withDeliveryTime(new VirtualTime(clock.instant()));
    sink = AlertSink.start(SinkConfig.parse(CONFIG), settings);
    await().atMost(Duration.ofSeconds(30)).until(sink::isReady);
  }

  @AfterEach
  void tearDown() {
    sink.close();
    producer.close();
    List.of(ops, flaky, broken, stuck).forEach(RecordingServer::close);
  }

  private void publish(String fingerprint, String service) throws Exception {
    Alert alert = Alerts.firing(fingerprint, "HighErrorRate", Severity.critical, clock.instant().minusSeconds(600),
        "service", service);
    producer.send(new ProducerRecord<>(topics.alerts(), fingerprint, alertSerde.encode(alert))).get();
  }

  @Test
  void a500ThenA200IsRetriedDeliveredOnceAndLoggedOnce() throws Exception {
    flaky.respond(Response.status(500, "try later"));
    publish("fp-flaky", "flaky");

    await().atMost(Duration.ofSeconds(20)).until(() -> flaky.requests().size() == 2);
    List<NotificationLogEntry> logged = notificationLog(1);
    assertThat(logged).singleElement().satisfies(entry -> {
      assertThat(entry.getReceiver()).isEqualTo("flaky");
      assertThat(entry.getIntegration()).isEqualTo("webhook[0]");
      assertThat(entry.getFiringFingerprints()).containsExactly("fp-flaky");
    });

    clock.advance(Duration.ofMinutes(5)); // the next group_interval: unchanged, de-duplicated by the log
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> flaky.requests().size() == 2);
    assertThat(notificationLog(1)).hasSize(1);
    assertThat(metrics())
        .contains("klaxon_sink_notifications_sent_total{integration=\"webhook\",receiver=\"flaky\"} 1.0")
        .contains("klaxon_sink_notifications_failed_total{integration=\"webhook\",receiver=\"flaky\"} 1.0")
        .contains("klaxon_sink_notifications_retried_total{integration=\"webhook\",receiver=\"flaky\"} 1.0")
        .doesNotContain("klaxon_sink_notifications_dead_lettered_total{integration=\"webhook\",receiver=\"flaky\"}");
  }

  @Test
  void aPermanent4xxEndsInTheDeadLetterTopicWithTheReasonAndNoSecret() throws Exception {
    broken.byDefault(Response.status(404, "no hook at /hooks/broken-" + TOKEN));
    publish("fp-broken", "broken");

    ConsumerRecord<String, byte[]> letter = env.read(topics.deadLetter(), new StringDeserializer(),
        new ByteArrayDeserializer(), 1, Duration.ofSeconds(20)).get(0);
    assertThat(broken.requests()).as("a 4xx is not retried").hasSize(1);
    assertThat(header(letter, "klaxon.error")).startsWith("permanent failure: webhook: HTTP 404");
    assertThat(header(letter, "klaxon.receiver")).isEqualTo("broken");
    assertThat(header(letter, "klaxon.integration")).isEqualTo("webhook[0]");
    JsonNode value = new ObjectMapper().readTree(letter.value());
    assertThat(letter.key()).isEqualTo(value.path("groupKey").asText()).contains("service=\"broken\"");
    assertThat(value.path("alerts").get(0).path("fingerprint").asText()).isEqualTo("fp-broken");

    StringBuilder everything = new StringBuilder(letter.key()).append(new String(letter.value(), StandardCharsets.UTF_8));
    for (Header header : letter.headers()) {
      everything.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8));
    }
    assertThat(everything.toString()).doesNotContain(TOKEN).doesNotContain("/hooks/");
    assertThat(sink.why("fp-broken")).anySatisfy(step -> assertThat(step.what()).contains("failed: permanent failure"));
    assertThat(metrics())
        .contains("klaxon_sink_notifications_dead_lettered_total{integration=\"webhook\",receiver=\"broken\"} 1.0")
        .doesNotContain(TOKEN);
  }

  @Test
  void aHangingReceiverDoesNotDelayAnotherReceiversNotification() throws Exception {
    stuck.byDefault(RecordingServer.hang());
    publish("fp-stuck", "stuck");
    stuck.awaitRequests(1);

    publish("fp-ops", "ops");

    await().atMost(Duration.ofSeconds(10)).until(() -> ops.requests().size() == 1);
    assertThat(ops.requests().get(0).body()).contains("fp-ops");
    assertThat(stuck.requests()).as("still waiting for its first answer").hasSize(1);
    assertThat(metrics()).contains("klaxon_sink_notifications_sent_total{integration=\"webhook\",receiver=\"ops\"} 1.0")
        .doesNotContain("receiver=\"stuck\"} 1.0");
  }

  private List<NotificationLogEntry> notificationLog(int atLeast) {
    AvroSerde<NotificationLogEntry> serde = AvroSerde.embedded(NotificationLogEntry.class);
    return env.read(topics.notifications(), new StringDeserializer(), serde.deserializer(), atLeast,
        Duration.ofSeconds(10)).stream().map(ConsumerRecord::value).toList();
  }

  private String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}

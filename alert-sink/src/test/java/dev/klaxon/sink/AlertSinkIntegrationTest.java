package dev.klaxon.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.NotificationLogEntry;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.testing.Alerts;
import dev.klaxon.sink.testing.RecordingIntegration;
import dev.klaxon.sink.testing.RecordingIntegration.Sent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole sink against the embedded broker: routing to delivery, restarts, silences, several instances. */
@KafkaIntegrationTest
class AlertSinkIntegrationTest {

  private static final String CONFIG = """
      route:
        receiver: chat
        group_by: [alertname, service]
        group_wait: 1s
        group_interval: 2s
        repeat_interval: 1h
        routes:
          - matchers: ['severity="critical"']
            receiver: pager
            continue: true
          - matchers: ['severity=~"critical|warning"']
            receiver: chat
      inhibit_rules:
        - source_matchers: ['severity="critical"']
          target_matchers: ['severity="warning"']
          equal: [alertname, service]
      receivers:
        - name: pager
          pagerduty_configs: [{name: pd}]
        - name: chat
          slack_configs: [{name: slack}]
      """;

  private final List<Sent> sent = RecordingIntegration.newLog();
  private final List<AlertSink> sinks = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private KafkaTestEnv env;
  private Topics topics;
  private KafkaProducer<String, byte[]> producer;
  private final AvroSerde<Alert> alertSerde = AvroSerde.embedded(Alert.class);

  @BeforeEach
  void setUp(KafkaTestEnv env) {
    this.env = env;
    this.topics = env.createTopics(2);
    this.producer = env.producer(new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  @AfterEach
  void tearDown() {
    sinks.forEach(AlertSink::close);
    producer.close();
  }

  private AlertSink startSink(List<Secret> tokens) {
    SinkSettings settings = SinkSettings.defaults(env.bootstrapServers()).withTopics(topics)
        .withGroupId(env.uniqueName("sink")).withPorts(0, 0).withApiTokens(tokens)
        .withIntegrations(Map.<String, Integration>of(
            "slack", new RecordingIntegration("slack", sent), "pagerduty", new RecordingIntegration("pagerduty", sent)));
    AlertSink sink = AlertSink.start(SinkConfig.parse(CONFIG), settings);
    sinks.add(sink);
    await().atMost(Duration.ofSeconds(30)).until(sink::isReady);
    return sink;
  }

  private AlertSink startSink() {
    return startSink(List.of());
  }

  private void stop(AlertSink sink) {
    sink.close();
    sinks.remove(sink);
  }

  private void publish(Alert alert) throws Exception {
    producer.send(new ProducerRecord<>(topics.alerts(), alert.getFingerprint(), alertSerde.encode(alert))).get();
  }

  private static Alert critical(String fp, String service) {
    return Alerts.firing(fp, "HighP95Latency", Severity.critical, Instant.now(), "service", service);
  }

  private List<Sent> sentBy(String type) {
    return sent.stream().filter(s -> s.type().equals(type)).toList();
  }

  @Test
  void criticalReachesPagerAndChatOnceAndItsResolvedNoticeFollows() throws Exception {
    startSink();
    Alert alert = critical("fp-1", "checkout");
    publish(alert);

    await().atMost(Duration.ofSeconds(20)).until(() -> sentBy("pagerduty").size() == 1 && sentBy("slack").size() == 1);
    assertThat(sentBy("pagerduty").get(0).group().groupKey())
        .isEqualTo("{}/{severity=\"critical\"}:{alertname=\"HighP95Latency\", service=\"checkout\"}");

    publish(Alerts.resolved(alert, Instant.now()));
    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 4);
    assertThat(sent.subList(2, 4)).allSatisfy(s -> assertThat(s.group().isResolved()).isTrue());

    List<NotificationLogEntry> log = new ArrayList<>();
    AvroSerde<NotificationLogEntry> serde = AvroSerde.embedded(NotificationLogEntry.class);
    env.readUntil(topics.notifications(), new StringDeserializer(), serde.deserializer(),
        records -> records.size() >= 4, Duration.ofSeconds(10)).forEach(r -> log.add(r.value()));
    assertThat(log).extracting(NotificationLogEntry::getIntegration).contains("pagerduty[0]", "slack[0]");
  }

  @Test
  void afterARestartNothingSentIsSentAgainAndNothingPendingIsLost() throws Exception {
    AlertSink first = startSink();
    publish(critical("fp-sent", "checkout"));
    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 2);

    // A second group, still inside its group_wait when the sink goes down.
    publish(Alerts.firing("fp-pending", "HighErrorRate", Severity.warning, Instant.now(), "service", "search"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !first.why("fp-pending").isEmpty());
    stop(first);
    assertThat(sent).hasSize(2);

    startSink();
    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 3);
    assertThat(sent.get(2).group().firing()).extracting(Alert::getFingerprint).containsExactly("fp-pending");
    // Several group_intervals later: the first group was not re-sent (its repeat_interval is 1h).
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> sent.size() == 3);
  }

  @Test
  void aFiringCriticalInhibitsTheWarningOfTheSameRuleAndService() throws Exception {
    AlertSink sink = startSink();
    publish(critical("fp-crit", "checkout"));
    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 2);

    publish(Alerts.firing("fp-warn", "HighP95Latency", Severity.warning, Instant.now(), "service", "checkout"));
    await().atMost(Duration.ofSeconds(20)).until(() -> sink.why("fp-warn").stream()
        .anyMatch(step -> step.what().startsWith("inhibited") && step.what().contains("fp-crit")));
    assertThat(sent).noneMatch(s -> s.group().alerts().stream().anyMatch(a -> a.getFingerprint().equals("fp-warn")));
    assertThat(sink.scrapeMetrics()).containsPattern("klaxon_sink_alerts_inhibited_total [1-9]");
  }

  @Test
  void silencesMuteSurviveARestartAndExpireOverHttp() throws Exception {
    Secret token = Secret.of("admin-key-123");
    AlertSink sink = startSink(List.of(token));
    String body = """
        {"matchers": ["service=\\"checkout\\""], "duration": "1h", "createdBy": "ana", "comment": "deploying"}""";
    HttpResponse<String> denied = http.send(HttpRequest.newBuilder(api(sink, "/api/v1/silences"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(401);

    HttpResponse<String> created = http.send(authorized(api(sink, "/api/v1/silences"), token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(200);
    String id = created.body().replaceAll(".*\"silenceID\":\"([^\"]+)\".*", "$1");

    stop(sink);
    AlertSink restarted = startSink(List.of(token));
    HttpResponse<String> listed = http.send(authorized(api(restarted, "/api/v1/silences"), token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(listed.body()).contains(id).contains("\"state\":\"active\"").contains("service=\\\"checkout\\\"");

    publish(critical("fp-silenced", "checkout"));
    await().atMost(Duration.ofSeconds(20)).until(() -> restarted.why("fp-silenced").stream()
        .anyMatch(step -> step.what().contains("silenced") && step.what().contains(id)));
    assertThat(sent).isEmpty();

    HttpResponse<String> expired = http.send(authorized(api(restarted, "/api/v1/silences/" + id), token).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(expired.body()).contains("\"state\":\"expired\"");
    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 2);
  }

  @Test
  void badSilencesAreRefusedWithEveryReason() throws Exception {
    AlertSink sink = startSink();
    HttpResponse<String> refused = http.send(HttpRequest.newBuilder(api(sink, "/api/v1/silences"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\": [\"service=~\\\".*\\\"\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("would mute everything", "endsAt (or duration) is required",
        "createdBy is required", "comment is required");
  }

  @Test
  void twoInstancesShareTheGroupsAndSendEachOnce() throws Exception {
    startSink();
    startSink();
    for (int i = 0; i < 6; i++) {
      publish(Alerts.firing("fp-" + i, "HighErrorRate", Severity.warning, Instant.now(), "service", "svc-" + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= 6);
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> sent.size() == 6);
    assertThat(sent).extracting(s -> s.group().groupLabels().get("service")).doesNotHaveDuplicates();
  }

  @Test
  void opsEndpointsServeHealthAndMetrics() throws Exception {
    AlertSink sink = startSink();
    publish(critical("fp-m", "checkout"));
    await().atMost(Duration.ofSeconds(20)).until(() -> sent.size() == 2);
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + sink.httpPort() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.httpPort() + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("klaxon_sink_alerts_received_total 1.0")
        .containsPattern("klaxon_sink_notifications_sent_total\\{integration=\"pagerduty\",receiver=\"pager\"} 1.0");
  }

  private static URI api(AlertSink sink, String path) {
    return URI.create("http://127.0.0.1:" + sink.apiPort() + path);
  }

  private static HttpRequest.Builder authorized(URI uri, Secret token) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.reveal());
  }
}

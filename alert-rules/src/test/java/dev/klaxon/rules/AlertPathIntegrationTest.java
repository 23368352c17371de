package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.sink.AlertSink;
import dev.klaxon.sink.SinkSettings;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.RecordingServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alert path on the embedded broker, every part real: request events → MetricsProcessor →
 * AlertEvaluator (the shipped rules) → klaxon.alerts → AlertSink → the shipped webhook integration →
 * a local HTTP receiver standing in for on-call.
 */
@KafkaIntegrationTest
class AlertPathIntegrationTest {

  /** Critical pages the on-call webhook at once; everything else goes to a receiver that sends nothing. */
  private static final String ROUTING = """
      route:
        receiver: nobody
        group_by: [alertname, service]
        group_wait: 0s
        group_interval: 1s
        repeat_interval: 1h
        routes:
          - matchers: ['severity="critical"']
            receiver: oncall
      receivers:
        - name: nobody
        - name: oncall
          webhook_configs: [{url_env: ONCALL_WEBHOOK_URL}]
      """;

  /** Minute 0 of the incident: a whole minute, ten minutes ago (explicit event times, not the clock's). */
  private static final long T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10))
      .toEpochMilli();
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  @TempDir Path stateDir;
  private final AvroSerde<RequestEvent> events = AvroSerde.embedded(RequestEvent.class);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aP95BreachPagesTheWebhookOnceAndRecoveredClosedWindowsSendItsResolvedNotice(KafkaTestEnv kafka)
      throws Exception {
    Topics topics = kafka.createTopics(3);
    ProcessorSettings processorSettings = new ProcessorSettings(kafka.bootstrapServers(), kafka.uniqueName("metrics"),
        stateDir.resolve("processor"), Duration.ofMillis(100), 1, -1, Map.of());
    EvaluatorSettings rulesSettings = new EvaluatorSettings(kafka.bootstrapServers(), kafka.uniqueName("rules"),
        stateDir.resolve("rules"), Duration.ofMillis(100), 0, Map.of(), Optional.empty());

    try (RecordingServer oncall = RecordingServer.start();
        MetricsProcessor processor = MetricsProcessor.start(MetricsConfig.defaults(topics), processorSettings);
        AlertEvaluator rules = AlertEvaluator.start(RuleSet.defaults(), "shipped rules",
            EvaluatorConfig.defaults(topics), rulesSettings);
        AlertSink sink = startSink(kafka, topics, oncall);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      await().atMost(Duration.ofSeconds(30)).until(sink::isReady);

      // Minute 0: 30 requests (minCount 20) of 2.5 s: p95 2500 ms over HighP95Latency's critical 2000.
      send(producer, topics, 0, 30, 2500);
      List<RecordingServer.Request> firing = awaitNotifications(oncall, 1);
      JsonNode page = json.readTree(firing.get(0).body());
      assertThat(page.path("status").asText()).isEqualTo("firing");
      assertThat(page.path("receiver").asText()).isEqualTo("oncall");
      assertThat(page.path("alerts")).hasSize(1);
      JsonNode alert = page.path("alerts").get(0);
      assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("HighP95Latency");
      assertThat(alert.path("labels").path("service").asText()).isEqualTo("checkout");
      assertThat(alert.path("labels").path("severity").asText()).isEqualTo("critical");
      assertThat(alert.path("value").asDouble()).isGreaterThan(2000);
      assertThat(alert.path("annotations").path("summary").asText()).startsWith("checkout: p95 latency");

      // Minutes 1 and 2: recovered (120 ms). Minute 2's events move stream time past minute 1's end plus
      // grace, so minute 1 closes: a closed window under resolveBelow resolves the alert.
      send(producer, topics, 1, 30, 120);
      send(producer, topics, 2.25, 5, 120);
      List<RecordingServer.Request> both = awaitNotifications(oncall, 2);
      JsonNode resolved = json.readTree(both.get(1).body());
      assertThat(resolved.path("status").asText()).isEqualTo("resolved");
      assertThat(resolved.path("alerts").get(0).path("fingerprint").asText())
          .isEqualTo(alert.path("fingerprint").asText());
      assertThat(resolved.path("alerts").get(0).path("labels").path("alertname").asText()).isEqualTo("HighP95Latency");

      // Nothing more: one page, one resolved notice (the p99 warning went to `nobody`).
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> oncall.requests().size() == 2);
      assertThat(scrape(rules.httpPort()))
          .contains("klaxon_rules_transitions_total{rule=\"HighP95Latency\",status=\"firing\"} 1.0")
          .contains("klaxon_rules_transitions_total{rule=\"HighP95Latency\",status=\"resolved\"} 1.0");
    }
  }

  private static AlertSink startSink(KafkaTestEnv kafka, Topics topics, RecordingServer oncall) {
    Map<String, String> environment = Map.of("ONCALL_WEBHOOK_URL", oncall.url("/hooks/oncall"));
    SinkSettings settings = SinkSettings.defaults(kafka.bootstrapServers()).withTopics(topics)
        .withGroupId(kafka.uniqueName("sink")).withPorts(-1, -1)
        .withIntegrations(stats -> Integrations.create(HttpClient.newHttpClient(), environment::get, stats).byType());
    return AlertSink.start(SinkConfig.parse(ROUTING), settings);
  }

  /** {@code count} requests to checkout, 100 ms apart from minute {@code m} on, each taking {@code durationMs}. */
  private void send(KafkaProducer<String, byte[]> producer, Topics topics, double m, int count, long durationMs)
      throws Exception {
    long start = T0 + Math.round(m * MINUTE);
    for (int i = 0; i < count; i++) {
      RequestEvent event = RequestEvent.newBuilder().setService("checkout").setRoute("POST /pay").setStatus(200)
          .setDurationMs(durationMs).setTimestamp(start + i * 100L).build();
      producer.send(new ProducerRecord<>(topics.requests(), "checkout", events.encode(event)));
    }
    producer.flush();
  }

  private static List<RecordingServer.Request> awaitNotifications(RecordingServer receiver, int count) {
    return await().atMost(Duration.ofSeconds(60)).until(receiver::requests, r -> r.size() >= count);
  }

  private static String scrape(int port) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    return response.body();
  }
}

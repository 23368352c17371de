package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path on the embedded broker: request events → processor → rules → klaxon.alerts. */
@KafkaIntegrationTest
class AlertEvaluatorIntegrationTest {

  private static final RuleSet P95 = EvaluatorFixture.rules(ClosedWindowAlertsTest.P95);

  @TempDir Path stateDir;

  @Test
  void slowRequestsFireACriticalAlertFromTheOpenWindowLongBeforeItCloses(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.createTopics(3);
    MetricsConfig metrics = MetricsConfig.defaults(topics);
    ProcessorSettings processorSettings = new ProcessorSettings(kafka.bootstrapServers(), kafka.uniqueName("metrics"),
        stateDir.resolve("processor"), Duration.ofMillis(100), 1, -1, Map.of());
    EvaluatorSettings rulesSettings = new EvaluatorSettings(kafka.bootstrapServers(), kafka.uniqueName("rules"),
        stateDir.resolve("rules"), Duration.ofMillis(100), 0, Map.of(), Optional.empty());

    try (MetricsProcessor processor = MetricsProcessor.start(metrics, processorSettings);
        AlertEvaluator rules = AlertEvaluator.start(P95, "test rules", EvaluatorConfig.defaults(topics), rulesSettings);
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      assertThat(rules.describe()).contains("1 rules from test rules").contains(topics.alerts())
          .contains(topics.openRequestMetrics());
      AvroSerde<RequestEvent> events = AvroSerde.embedded(RequestEvent.class);
      long now = System.currentTimeMillis();
      for (int i = 0; i < 30; i++) {
        RequestEvent event = RequestEvent.newBuilder().setService("checkout").setRoute("POST /pay").setStatus(200)
            .setDurationMs(2500).setTimestamp(now + i).build();
        producer.send(new ProducerRecord<>(topics.requests(), "checkout", events.encode(event)));
      }
      producer.flush();

      List<ConsumerRecord<String, Alert>> alerts = kafka.read(topics.alerts(), new StringDeserializer(),
          AvroSerde.embedded(Alert.class).deserializer(), 1, Duration.ofSeconds(40));
      long detected = System.currentTimeMillis();

      Alert alert = alerts.get(0).value();
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.firing);
      assertThat(alert.getSeverity()).isEqualTo(Severity.critical);
      assertThat(alert.getLabels()).containsEntry("service", "checkout");
      assertThat(alerts.get(0).key()).isEqualTo(alert.getFingerprint());
      assertThat(detected - now).as("fired by the open window, not the closed one (1 minute + grace)")
          .isLessThan(Duration.ofSeconds(40).toMillis());

      HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + rules.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("kafka_stream");
    }
  }
}

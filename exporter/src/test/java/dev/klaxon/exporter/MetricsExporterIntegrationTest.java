package dev.klaxon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The exporter role on the embedded broker: windows and alerts written to the topics show on /metrics. */
@KafkaIntegrationTest
class MetricsExporterIntegrationTest {

  private static final long MINUTE = 60_000L;

  @Test
  void windowsAlreadyOnTheTopicsAndNewOnesAreServedAndResolvedAlertsLeave(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.createTopics(2);
    long start = (System.currentTimeMillis() / MINUTE - 2) * MINUTE;
    KafkaCluster cluster = new KafkaCluster(kafka.bootstrapServers(), Optional.empty(), topics, Map.of());
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      send(producer, topics.requestMetrics(), WindowGaugesTest.request("before-start", "*", start, 60, 0, 0, 100, 200,
          300));
      producer.flush();

      try (MetricsExporter exporter = MetricsExporter.start(ExporterConfig.defaults(topics), cluster, 0)) {
        assertThat(exporter.describe()).contains(topics.requestMetrics(), topics.alerts(), "/metrics");
        await().atMost(Duration.ofSeconds(30)).until(() -> get(exporter, "/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(exporter, "/metrics").body())
            .contains("quantile=\"0.95\",route=\"*\",service=\"before-start\"} 0.2"));

        send(producer, topics.requestMetrics(), WindowGaugesTest.request("checkout", "*", start + MINUTE, 120, 6, 0,
            50, 2500, 4000));
        Alert firing = WindowGaugesTest.alert("fp-1", AlertStatus.firing, Map.of("service", "checkout"));
        producer.send(new ProducerRecord<>(topics.alerts(), "fp-1", AvroSerde.embedded(Alert.class).encode(firing)));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(exporter, "/metrics").body())
            .contains("quantile=\"0.95\",route=\"*\",service=\"checkout\"} 2.5")
            .contains("klaxon_requests_per_second{environment=\"production\",route=\"*\",service=\"checkout\"} 2.0")
            .contains("klaxon_alerts{alertname=\"HighP95Latency\",alertstate=\"firing\",service=\"checkout\""));

        Alert resolved = WindowGaugesTest.alert("fp-1", AlertStatus.resolved, Map.of("service", "checkout"));
        producer.send(new ProducerRecord<>(topics.alerts(), "fp-1", AvroSerde.embedded(Alert.class).encode(resolved)));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(exporter, "/metrics").body())
            .doesNotContain("klaxon_alerts{"));
      }
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, RequestWindow window) {
    producer.send(new ProducerRecord<>(topic, null, window.getWindowStart(), window.getService() + "|*",
        AvroSerde.embedded(RequestWindow.class).encode(window)));
  }

  private static HttpResponse<String> get(MetricsExporter exporter, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + exporter.httpPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}

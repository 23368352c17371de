package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.exporter.ExporterConfig;
import dev.klaxon.exporter.MetricsExporter;
import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.rules.AlertEvaluator;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.EvaluatorSettings;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pipeline against the real {@code apache/kafka} image, as docker-compose runs it: topics created by
 * {@code klaxon topics create}'s code, request events → processor → rules → an alert on klaxon.alerts, and
 * the window on the exporter's /metrics. Skipped where no Docker engine runs (Testcontainers finds none).
 */
@Tag("integration")
@Testcontainers(disabledWithoutDocker = true)
class ApacheKafkaImageIntegrationTest {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

  @TempDir Path state;

  @Test
  void aLatencyIncidentBecomesAWindowAnAlertAndAGauge() throws Exception {
    String bootstrap = KAFKA.getBootstrapServers();
    Topics topics = Topics.defaults();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicCreator(admin).create(TopicCreator.klaxonTopics(topics, 3));
    }
    long minute = (System.currentTimeMillis() / 60_000 - 5) * 60_000;
    KafkaCluster cluster = new KafkaCluster(bootstrap, Optional.empty(), topics, Map.of());
    try (MetricsProcessor processor = MetricsProcessor.start(MetricsConfig.defaults(topics),
            new ProcessorSettings(bootstrap, "tc-metrics", state.resolve("p"), Duration.ofMillis(100), 1, -1, Map.of()));
        AlertEvaluator rules = AlertEvaluator.start(RuleSet.defaults(), "shipped rules", EvaluatorConfig.defaults(topics),
            new EvaluatorSettings(bootstrap, "tc-rules", state.resolve("r"), Duration.ofMillis(100), -1, Map.of(),
                Optional.empty()));
        MetricsExporter exporter = MetricsExporter.start(ExporterConfig.defaults(topics), cluster, 0);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
      AvroSerde<RequestEvent> events = AvroSerde.embedded(RequestEvent.class);
      for (int i = 0; i < 30; i++) { // minute 0: p95 2.5 s, over HighP95Latency's critical 2 s
        producer.send(new ProducerRecord<>(topics.requests(), "checkout", events.encode(event(minute + i * 1000, 2500))));
      }
      producer.send(new ProducerRecord<>(topics.requests(), "checkout", events.encode(event(minute + 90_000, 100))));
      producer.flush();

      List<Alert> alerts = new ArrayList<>();
      try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString(),
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
          new StringDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(topics.alerts()));
        await().atMost(Duration.ofSeconds(90)).until(() -> {
          consumer.poll(Duration.ofMillis(500)).forEach(r -> alerts.add(AvroSerde.embedded(Alert.class).decode(r.value())));
          return alerts.stream().anyMatch(a -> a.getRule().equals("HighP95Latency"));
        });
      }
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(scrape(exporter.httpPort()))
          .contains("quantile=\"0.95\",route=\"*\",service=\"checkout\"}"));
    }
  }

  private static RequestEvent event(long timestamp, double durationMs) {
    return RequestEvent.newBuilder().setService("checkout").setRoute("POST /pay").setMethod("POST").setStatus(200)
        .setDurationMs(durationMs).setTimestamp(timestamp).build();
  }

  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}

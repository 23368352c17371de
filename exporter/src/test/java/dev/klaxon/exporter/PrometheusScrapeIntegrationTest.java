package dev.klaxon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the exporter and answers a query with the value of a window written to
 * Kafka. Needs the {@code prometheus} binary (Debian: {@code apt-get install prometheus}); skipped
 * without it.
 */
@KafkaIntegrationTest
class PrometheusScrapeIntegrationTest {

  private static final long MINUTE = 60_000L;
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

  @TempDir Path dir;

  @Test
  void prometheusScrapesTheLatestWindowAndAnswersAQueryWithIt(KafkaTestEnv kafka) throws Exception {
    assumeTrue(Files.isExecutable(PROMETHEUS), "no " + PROMETHEUS + ": install Debian's prometheus package to run this");
    Topics topics = kafka.createTopics(1);
    KafkaCluster cluster = new KafkaCluster(kafka.bootstrapServers(), Optional.empty(), topics, Map.of());
    long start = (System.currentTimeMillis() / MINUTE - 1) * MINUTE;
    RequestWindow window = WindowGaugesTest.request("checkout", "*", start, 120, 6, 0, 50, 1800, 2600);
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.requestMetrics(), null, start, "checkout|*",
          AvroSerde.embedded(RequestWindow.class).encode(window))).get();
    }

    try (MetricsExporter exporter = MetricsExporter.start(ExporterConfig.defaults(topics), cluster, 0)) {
      int prometheusPort = freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, """
          global: {scrape_interval: 1s}
          scrape_configs:
            - job_name: klaxon-exporter
              static_configs: [{targets: ["127.0.0.1:%d"]}]
          """.formatted(exporter.httpPort()));
      Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      try {
        String query = "klaxon_request_latency_seconds{service=\"checkout\",route=\"*\",quantile=\"0.95\"}";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(instantValue(prometheusPort, query)).hasValue(1.8));
        assertThat(instantValue(prometheusPort, "up{job=\"klaxon-exporter\"}")).hasValue(1.0);
      } finally {
        prometheus.destroy();
        prometheus.waitFor();
      }
    }
  }

  private static Optional<Double> instantValue(int port, String query) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode result = new ObjectMapper().readTree(response.body()).path("data").path("result");
    return result.isEmpty() ? Optional.empty() : Optional.of(result.get(0).path("value").get(1).asDouble());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

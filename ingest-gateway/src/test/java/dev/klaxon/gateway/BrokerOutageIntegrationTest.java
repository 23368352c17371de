package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.CommittedRecordReader;
import dev.klaxon.schemas.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A broker of its own, stopped and started again on the same port and data: 503 while down, 202 after. */
@Tag("integration")
class BrokerOutageIntegrationTest {

  @Test
  void answers503WithRetryAfterWhileKafkaIsDownAndAcceptsAgainAfter() throws Exception {
    Path dataDir = Files.createTempDirectory("klaxon-gateway-outage-");
    EmbeddedKafkaConfig brokerConfig = EmbeddedKafkaConfig.ephemeral().withDataDir(dataDir).withPort(freePort());
    Topics topics = new Topics("outage.");
    EmbeddedKafka kafka = new EmbeddedKafka(brokerConfig).start();
    try {
      kafka.createTopics(topics, 1);
      GatewayConfig config = GatewayConfig.demo(kafka.bootstrapServers()).withTopicPrefix(topics.prefix())
          .withHttp(GatewayConfig.Http.DEFAULTS.withHost("127.0.0.1").withPort(0))
          .withReadiness(new GatewayConfig.Readiness(Duration.ofMillis(300), Duration.ofMillis(500)))
          // Fail in seconds rather than the default half minute.
          .withKafka(Map.of("max.block.ms", "1000", "request.timeout.ms", "1500", "delivery.timeout.ms", "3000",
              "reconnect.backoff.max.ms", "300"));
      try (IngestGateway gateway = IngestGateway.start(config)) {
        GatewayHttp http = new GatewayHttp(gateway);
        assertThat(http.post(request("before"), "Content-Type", JSON).statusCode()).isEqualTo(202);

        kafka.close();

        HttpResponse<String> down = http.post(request("during"), "Content-Type", JSON);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(GatewayHttp.json(down).get("error").asText()).contains("Kafka is unavailable");
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/health/ready").statusCode() == 503);
        assertThat(http.post(request("during"), "Content-Type", JSON).statusCode()).isEqualTo(503);

        kafka = new EmbeddedKafka(brokerConfig).start();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> http.post(request("after"), "Content-Type", JSON).statusCode() == 202);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> records = new CommittedRecordReader(kafka.clientProperties())
            .readUntil(topics.requests(), new StringDeserializer(), new ByteArrayDeserializer(),
                read -> read.stream().anyMatch(r -> r.key().equals("after")), Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::key).contains("before").endsWith("after");
        assertThat(gateway.scrapeMetrics()).containsPattern(
            "klaxon_gateway_batches_rejected_total\\{reason=\"unavailable\"} [1-9]");
      }
    } finally {
      kafka.close();
      deleteRecursively(dataDir);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}

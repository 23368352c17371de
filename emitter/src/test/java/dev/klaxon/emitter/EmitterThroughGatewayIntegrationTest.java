package dev.klaxon.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.IngestGateway;
import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.CommittedRecordReader;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole ingest path as an application uses it: emitter → HTTP gateway → Kafka, including a
 * broker outage in the middle (the gateway answers 503, the emitter keeps the events and delivers
 * them once the broker is back).
 */
@Tag("integration")
class EmitterThroughGatewayIntegrationTest {

  @TempDir Path dataDir;

  @Test
  void everythingTheEmitterAcceptedArrivesDespiteABrokerOutage() throws Exception {
    EmbeddedKafkaConfig brokerConfig = EmbeddedKafkaConfig.ephemeral().withDataDir(dataDir).withPort(freePort());
    Topics topics = new Topics("e2e.");
    EmbeddedKafka kafka = new EmbeddedKafka(brokerConfig).start();
    kafka.createTopics(topics, 1);
    GatewayConfig config = GatewayConfig.demo(kafka.bootstrapServers()).withTopicPrefix(topics.prefix())
        .withHttp(GatewayConfig.Http.DEFAULTS.withHost("127.0.0.1").withPort(0))
        .withReadiness(new GatewayConfig.Readiness(Duration.ofMillis(300), Duration.ofMillis(500)))
        .withKafka(Map.of("max.block.ms", "1000", "request.timeout.ms", "1500", "delivery.timeout.ms", "3000",
            "reconnect.backoff.max.ms", "300"));
    try (IngestGateway gateway = IngestGateway.start(config);
         KlaxonEmitter emitter = KlaxonEmitter.builder().service("billing").http(gateway.eventsUri())
             .linger(Duration.ofMillis(50)).retryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).build()) {
      emitRequests(emitter, 0, 50);
      assertThat(emitter.flush(Duration.ofSeconds(30))).isTrue();
      assertThat(emitter.stats().delivered()).isEqualTo(50);

      kafka.close();
      emitRequests(emitter, 50, 150);
      await().atMost(Duration.ofSeconds(30)).until(() -> emitter.stats().retried() > 0); // the gateway said 503
      assertThat(emitter.stats().delivered()).isLessThan(150);

      kafka = new EmbeddedKafka(brokerConfig).start();
      await().atMost(Duration.ofSeconds(90)).until(() -> emitter.stats().delivered() == 150);
      assertThat(emitter.stats().droppedTotal()).isZero();

      Set<String> expected = IntStream.range(0, 150).mapToObj(i -> "req-" + i).collect(Collectors.toSet());
      AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
      Set<String> seen = new HashSet<>();
      new CommittedRecordReader(kafka.clientProperties()).readUntil(topics.requests(), new StringDeserializer(),
          new ByteArrayDeserializer(), read -> {
            read.forEach(r -> seen.add(serde.decode(r.value()).getRequestId()));
            return seen.containsAll(expected);
          }, Duration.ofSeconds(30));
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      kafka.close();
    }
  }

  private static void emitRequests(KlaxonEmitter emitter, int from, int to) {
    for (int i = from; i < to; i++) {
      assertThat(emitter.request("POST /invoices").method("POST").status(201).durationMs(10 + i)
          .requestId("req-" + i).emit()).isTrue();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package dev.klaxon.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.CommittedRecordReader;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka transport against a real embedded broker. */
@KafkaIntegrationTest
class KafkaEmitterIntegrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AvroSerde<RequestEvent> REQUESTS = AvroSerde.embedded(RequestEvent.class);
  private static final AvroSerde<LogEvent> LOGS = AvroSerde.embedded(LogEvent.class);
  private static final AvroSerde<CostEvent> COSTS = AvroSerde.embedded(CostEvent.class);

  @Test
  void deliversEveryEventToItsTopicWithItsKey(KafkaTestEnv env) {
    Topics topics = env.createTopics(2);
    List<RequestEvent> requests = new ArrayList<>();
    List<LogEvent> logs = new ArrayList<>();
    List<CostEvent> costs = new ArrayList<>();
    try (KlaxonEmitter klaxon = KlaxonEmitter.builder().service("checkout").kafka(env.kafka().clientProperties())
        .topics(topics).build()) {
      requests.add(klaxon.request("GET /a").status(200).durationMs(1.5).requestId("q1").build());
      requests.add(klaxon.request("GET /b").service("search").status(503).durationMs(900).build());
      logs.add(klaxon.log(LogLevel.warn, "slow provider").service("search").build());
      costs.add(klaxon.cost("openai", new BigDecimal("0.000000123")).userId("u-1").build());
      costs.add(klaxon.cost("stripe", new BigDecimal("12.5")).userId("u-2").units(1, "requests").build());
      requests.forEach(klaxon::emit);
      logs.forEach(klaxon::emit);
      costs.forEach(klaxon::emit);

      assertThat(klaxon.flush(TIMEOUT)).isTrue();
      EmitterStats stats = klaxon.stats();
      assertThat(stats.delivered()).isEqualTo(5);
      assertThat(stats.droppedTotal()).isZero();
    }

    assertThat(read(env, topics.requests(), 2))
        .extracting(ConsumerRecord::key, r -> REQUESTS.decode(r.value()), ConsumerRecord::timestamp)
        .containsExactlyInAnyOrder(
            tuple("checkout", requests.get(0), requests.get(0).getTimestamp()),
            tuple("search", requests.get(1), requests.get(1).getTimestamp()));
    assertThat(read(env, topics.logs(), 1))
        .extracting(ConsumerRecord::key, r -> LOGS.decode(r.value()))
        .containsExactly(tuple("search", logs.get(0)));
    List<ConsumerRecord<String, byte[]>> costRecords = read(env, topics.costs(), 2);
    assertThat(costRecords).extracting(ConsumerRecord::key, r -> COSTS.decode(r.value()))
        .containsExactlyInAnyOrder(
            tuple("u-1", costs.get(0)),
            tuple("u-2", costs.get(1)));
    assertThat(costRecords).extracting(r -> COSTS.decode(r.value()).getCostUsd().toPlainString())
        .containsExactlyInAnyOrder("0.000000123", "12.500000000");
  }

  @Test
  void eventsEmittedWhileTheBrokerIsDownAreDeliveredWhenItReturns(@TempDir Path dataDir) throws IOException {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.ephemeral().withDataDir(dataDir).withPort(freePort());
    Topics topics = new Topics("restart.");
    EmbeddedKafka broker = new EmbeddedKafka(config).start();
    broker.createTopics(topics, 2);
    KlaxonEmitter klaxon = KlaxonEmitter.builder().service("checkout").kafka(broker.clientProperties()).topics(topics)
        .queueCapacity(1_000).deliveryTimeout(Duration.ofMinutes(3)).build();
    try {
      emit(klaxon, 0, 10);
      assertThat(klaxon.flush(TIMEOUT)).isTrue();
      assertThat(klaxon.stats().delivered()).isEqualTo(10);

      broker.close();
      emit(klaxon, 10, 200);
      assertThat(klaxon.flush(Duration.ofMillis(500))).as("nothing can be delivered now").isFalse();
      EmitterStats whileDown = klaxon.stats();
      assertThat(whileDown.emitted()).isEqualTo(200);
      assertThat(whileDown.delivered()).isEqualTo(10);
      assertThat(whileDown.droppedTotal()).isZero();

      broker = new EmbeddedKafka(config).start();
      assertThat(klaxon.flush(Duration.ofMinutes(2))).isTrue();
      EmitterStats after = klaxon.stats();
      assertThat(after.delivered()).isEqualTo(200);
      assertThat(after.droppedTotal()).isZero();

      List<ConsumerRecord<String, byte[]>> records = new CommittedRecordReader(broker.clientProperties())
          .readUntil(topics.requests(), new StringDeserializer(), new ByteArrayDeserializer(),
              read -> read.size() >= 200, TIMEOUT);
      assertThat(records).extracting(r -> REQUESTS.decode(r.value()).getRequestId())
          .as("every event exactly once: nothing lost, the idempotent producer wrote no duplicates")
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).mapToObj(i -> "r" + i).toList());
    } finally {
      klaxon.close(Duration.ofSeconds(5));
      broker.close();
    }
  }

  private static void emit(KlaxonEmitter klaxon, int from, int to) {
    for (int i = from; i < to; i++) {
      assertThat(klaxon.request("GET /items/{id}").status(200).durationMs(i).requestId("r" + i).emit())
          .isTrue();
    }
  }

  private static List<ConsumerRecord<String, byte[]>> read(KafkaTestEnv env, String topic, int count) {
    List<ConsumerRecord<String, byte[]>> records =
        env.read(topic, new StringDeserializer(), new ByteArrayDeserializer(), count, TIMEOUT);
    assertThat(records).hasSize(count);
    return records;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}

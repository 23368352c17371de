package dev.klaxon.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.cost.internal.SpendWindowProcessor;
import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the cost role mid-stream, restart with the same application id and state directory:
 * every closed spend window on klaxon.metrics.spend (read_committed) exactly once, with the exact sum
 * and count. Costs of 12 users at 3 providers over two hours of event time, minute and hour windows,
 * no grace; each user's last cost, two hours later, closes all of them.
 */
@KafkaIntegrationTest
class CostAggregatorCrashIntegrationTest {

  private static final int EVENTS = 24_000;
  private static final String[] USERS = new String[12];
  private static final String[] PROVIDERS = {"openai", "anthropic", "stripe"};
  private static final long T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5)).toEpochMilli();
  private static final long SPAN = Duration.ofHours(2).toMillis();
  private static final Duration PATIENCE = Duration.ofSeconds(180);

  static {
    for (int u = 0; u < USERS.length; u++) {
      USERS[u] = "user-" + u;
    }
  }

  @TempDir Path stateDir;
  private final AvroSerde<CostEvent> costs = AvroSerde.embedded(CostEvent.class);
  /** Expected closed windows by record key: exact sum and count. */
  private final Map<String, Window> expected = new HashMap<>();
  /** What read_committed consumers saw, every record, duplicates included. */
  private final List<SpendWindow> seen = new ArrayList<>();

  @Test
  void afterAKillMidStreamAndARestartEveryClosedWindowAppearsOnceWithItsExactSum(KafkaTestEnv kafka)
      throws Exception {
    Topics topics = kafka.createTopics(3);
    Path log = Files.createTempFile("cost-child", ".log");
    List<CostEvent> stream = events();
    int atKill;

    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, SpendWindow> spend = kafka.consumer(new StringDeserializer(),
            AvroSerde.embedded(SpendWindow.class).deserializer())) {
      spend.subscribe(List.of(topics.spendMetrics()));
      produce(producer, topics, stream.subList(0, EVENTS / 3));

      ChildJvm first = CostAggregatorProcess.start(kafka.bootstrapServers(), kafka.applicationId(), topics,
          stateDir, log);
      try {
        await("windows closing\n" + first.output()).atMost(PATIENCE).until(() -> poll(spend) > 0);
        produce(producer, topics, stream.subList(EVENTS / 3, 2 * EVENTS / 3)); // in flight...
      } finally {
        first.kill(); // ...when the aggregator dies
      }
      atKill = poll(spend);
      assertThat(atKill).as("killed mid-stream").isLessThan(expected.size());

      produce(producer, topics, stream.subList(2 * EVENTS / 3, stream.size())); // while none runs
      try (ChildJvm second = CostAggregatorProcess.start(kafka.bootstrapServers(), kafka.applicationId(), topics,
          stateDir, log)) {
        try {
          await("every closed window\n" + second.output()).atMost(PATIENCE)
              .until(() -> poll(spend) >= expected.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(seen.size() + " of " + expected.size() + " windows; missing, e.g.: "
              + missing().stream().limit(10).toList() + "\n" + second.output(), e);
        }
        // Give any duplicate the time of many commits to show up before judging.
        try {
          await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
              .until(() -> poll(spend) == expected.size());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(seen.size() + " windows for " + expected.size() + "; not expected or twice, e.g.: "
              + unexpected().stream().limit(10).toList(), e);
        }
        assertThat(second.isAlive()).isTrue();
      }
    }

    System.err.println("CostAggregatorCrashIntegrationTest: " + atKill + " of " + expected.size()
        + " windows committed before the kill");
    Map<String, Window> actual = new HashMap<>();
    for (SpendWindow w : seen) {
      String key = SpendWindowProcessor.recordKey(w.getUserId(), w.getProvider(), granularity(w), w.getWindowStart());
      assertThat(actual.put(key, new Window(w.getCostUsd(), w.getEvents()))).as("window %s emitted twice", key)
          .isNull();
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  /** Costs in event-time order with 9-decimal amounts, then each user's closing cost; fills {@link #expected}. */
  private List<CostEvent> events() {
    Random random = new Random(42);
    List<CostEvent> events = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      String user = USERS[random.nextInt(USERS.length)];
      String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
      BigDecimal usd = BigDecimal.valueOf(random.nextInt(5_000_000), 9).add(BigDecimal.valueOf(random.nextInt(3)));
      long timestamp = T0 + i * SPAN / EVENTS;
      events.add(cost(user, provider, usd, timestamp));
      for (Granularity granularity : List.of(Granularity.MINUTE, Granularity.HOUR)) {
        long start = granularity.startOf(timestamp);
        for (String series : List.of(provider, SpendWindowProcessor.ALL_PROVIDERS)) {
          expected.merge(SpendWindowProcessor.recordKey(user, series, granularity, start), new Window(usd, 1),
              Window::plus);
        }
      }
    }
    for (String user : USERS) {
      events.add(cost(user, "close", BigDecimal.ZERO, T0 + 2 * SPAN)); // its windows stay open
    }
    return events;
  }

  private static CostEvent cost(String user, String provider, BigDecimal usd, long timestamp) {
    return CostEvent.newBuilder().setService("llm-gateway").setUserId(user).setProvider(provider).setCostUsd(usd)
        .setTimestamp(timestamp).build();
  }

  private void produce(KafkaProducer<String, byte[]> producer, Topics topics, List<CostEvent> events) {
    for (CostEvent event : events) {
      producer.send(new ProducerRecord<>(topics.costs(), null, event.getTimestamp(), event.getUserId(),
          costs.encode(event)));
    }
    producer.flush();
  }

  /** Closed user windows seen so far (per-service series, if the topology writes any, are not counted). */
  private int poll(KafkaConsumer<String, SpendWindow> consumer) {
    for (ConsumerRecord<String, SpendWindow> record : consumer.poll(Duration.ofMillis(200))) {
      if (record.value().getService() == null) {
        seen.add(record.value());
      }
    }
    return seen.size();
  }

  private List<String> unexpected() {
    java.util.Set<String> got = new java.util.HashSet<>();
    List<String> unexpected = new ArrayList<>();
    for (SpendWindow w : seen) {
      String key = SpendWindowProcessor.recordKey(w.getUserId(), w.getProvider(), granularity(w), w.getWindowStart());
      if (!got.add(key) || !expected.containsKey(key)) {
        unexpected.add(key);
      }
    }
    return unexpected;
  }

  private List<String> missing() {
    java.util.Set<String> got = new java.util.HashSet<>();
    for (SpendWindow w : seen) {
      got.add(SpendWindowProcessor.recordKey(w.getUserId(), w.getProvider(), granularity(w), w.getWindowStart()));
    }
    return expected.keySet().stream().filter(k -> !got.contains(k)).sorted().toList();
  }

  private static Granularity granularity(SpendWindow window) {
    return Granularity.valueOf(window.getGranularity().toUpperCase(java.util.Locale.ROOT));
  }

  /** Compared by value: the sum as a decimal of scale 9, as the topology writes it. */
  private record Window(BigDecimal costUsd, long events) {
    Window {
      costUsd = costUsd.setScale(9);
    }

    Window plus(Window other) {
      return new Window(costUsd.add(other.costUsd), events + other.events);
    }
  }
}

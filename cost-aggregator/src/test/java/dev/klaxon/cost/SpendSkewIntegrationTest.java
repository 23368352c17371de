package dev.klaxon.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backlog of one costs partition far behind another's, as after downtime: partition 0 holds costs an
 * hour ahead of partitions 1 and 2, written first, and the costs are not keyed by user, so a user's and a
 * service's windows get events from every partition, interleaved after the repartition. Every window is
 * exact and nothing is late: windows close by a watermark per costs partition, which needs the source
 * partition to travel through the repartition topics in a header.
 */
@KafkaIntegrationTest
class SpendSkewIntegrationTest {

  private static final int PARTITIONS = 3;
  private static final int EVENTS_PER_PARTITION = 1_500;
  private static final String[] USERS = {"ana", "bo", "cy", "di"};
  private static final String[] PROVIDERS = {"openai", "anthropic"};
  private static final String[] SERVICES = {"llm-gateway", "search"};
  private static final long T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6)).toEpochMilli();
  /** Where each partition's costs start: partition 0 an hour ahead. */
  private static final long[] START = {T0 + Duration.ofMinutes(60).toMillis(), T0, T0 + Duration.ofMinutes(5).toMillis()};
  private static final long SPAN = Duration.ofMinutes(10).toMillis();
  private static final List<Granularity> GRANULARITIES = List.of(Granularity.MINUTE, Granularity.HOUR);

  @TempDir Path stateDir;
  private final AvroSerde<CostEvent> costs = AvroSerde.embedded(CostEvent.class);
  private final Map<String, Window> expected = new HashMap<>();
  private final List<ConsumerRecord<String, SpendWindow>> seen = new ArrayList<>();

  @Test
  void aPartitionAnHourBehindAnotherIsSummedExactlyAndNothingIsLate(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.createTopics(PARTITIONS);
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      Random random = new Random(7);
      for (int partition = 0; partition < PARTITIONS; partition++) { // partition 0, the one ahead, first
        for (int i = 0; i < EVENTS_PER_PARTITION; i++) {
          CostEvent event = cost(USERS[random.nextInt(USERS.length)], PROVIDERS[random.nextInt(PROVIDERS.length)],
              SERVICES[random.nextInt(SERVICES.length)], BigDecimal.valueOf(random.nextInt(9_000_000), 9),
              START[partition] + i * SPAN / EVENTS_PER_PARTITION);
          expect(event);
          producer.send(new ProducerRecord<>(topics.costs(), partition, event.getTimestamp(), "not-the-user",
              costs.encode(event)));
        }
        producer.flush();
      }
      laterCostsFromEveryPartitionToEveryTask(producer, topics, T0 + Duration.ofHours(3).toMillis());
    }

    // A first start on a backlog: the partitions are named, so the first one read cannot close windows early.
    SpendConfig config = SpendConfig.defaults(topics).withGranularities(GRANULARITIES).withInputPartitions(PARTITIONS);
    CostSettings settings = new CostSettings(kafka.bootstrapServers(), kafka.applicationId(), stateDir,
        Duration.ofMillis(100), 1, -1, "localhost", Map.of(), Optional.empty());
    try (CostAggregator aggregator = CostAggregator.start(config, settings);
        KafkaConsumer<String, SpendWindow> spend = kafka.consumer(new StringDeserializer(),
            AvroSerde.embedded(SpendWindow.class).deserializer())) {
      spend.subscribe(List.of(topics.spendMetrics()));
      await("every window").atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
        poll(spend);
        assertThat(seen.stream().map(ConsumerRecord::key).toList())
            .as("windows closed so far; late events %s", metric(aggregator, "late-events-total"))
            .containsAll(expected.keySet());
      });
      // Give any duplicate the time of many commits to show up before judging.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).until(() -> seen.size() == poll(spend));
      assertThat(metric(aggregator, "late-events-total")).as("late events").isZero();
    }

    Map<String, Window> actual = new HashMap<>();
    for (ConsumerRecord<String, SpendWindow> record : seen) {
      assertThat(actual.put(record.key(), new Window(record.value().getCostUsd(), record.value().getEvents())))
          .as("window %s emitted twice", record.key()).isNull();
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  private void expect(CostEvent event) {
    for (Granularity granularity : GRANULARITIES) {
      long start = granularity.startOf(event.getTimestamp());
      for (String provider : List.of(event.getProvider(), SpendKey.ALL)) {
        Window one = new Window(event.getCostUsd(), 1);
        expected.merge(SpendKey.ofUser(event.getUserId(), provider, granularity, start).format(), one, Window::plus);
        expected.merge(SpendKey.ofService(event.getService(), provider, granularity, start).format(), one,
            Window::plus);
      }
    }
  }

  /**
   * Later traffic, which closes the windows: from every costs partition, a cost whose user and service
   * the repartition puts in each partition (their own windows are not expected).
   */
  private void laterCostsFromEveryPartitionToEveryTask(KafkaProducer<String, byte[]> producer, Topics topics,
      long at) throws Exception {
    for (int target = 0; target < PARTITIONS; target++) {
      String owner = ownerIn(target);
      for (int partition = 0; partition < PARTITIONS; partition++) {
        producer.send(new ProducerRecord<>(topics.costs(), partition, at, owner,
            costs.encode(cost(owner, "later", owner, BigDecimal.ZERO, at)))).get();
      }
    }
  }

  private static String ownerIn(int partition) {
    for (int n = 0; ; n++) {
      String name = "later-" + n;
      if (Utils.toPositive(Utils.murmur2(name.getBytes(StandardCharsets.UTF_8))) % PARTITIONS == partition) {
        return name;
      }
    }
  }

  private static CostEvent cost(String user, String provider, String service, BigDecimal usd, long timestamp) {
    return CostEvent.newBuilder().setService(service).setUserId(user).setProvider(provider).setCostUsd(usd)
        .setTimestamp(timestamp).build();
  }

  private int poll(KafkaConsumer<String, SpendWindow> consumer) {
    for (ConsumerRecord<String, SpendWindow> record : consumer.poll(Duration.ofMillis(200))) {
      if (!record.key().contains("later")) { // the later costs' own windows close by the wall clock
        seen.add(record);
      }
    }
    return seen.size();
  }

  private static double metric(CostAggregator aggregator, String name) {
    return aggregator.streams().metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
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

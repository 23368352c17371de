package dev.klaxon.cost;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver around the spend topology, piping cost events at explicit event times. */
final class SpendFixture implements AutoCloseable {

  static final Topics TOPICS = Topics.defaults();
  static final AvroSerde<CostEvent> COST_SERDE = AvroSerde.embedded(CostEvent.class);
  static final String APPLICATION_ID = "spend-topology-test";
  static final String SERVICE = "llm-gateway";
  /** The fixture's commit interval, which open windows are published at. */
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
  /** In-memory stores: the driver commits after every record, and a RocksDB flush per record is slow. */
  static final SpendConfig CONFIG = SpendConfig.defaults(TOPICS).withStores(SpendConfig.Stores.IN_MEMORY);

  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> costs;
  final TestOutputTopic<String, SpendWindow> spend;
  final TestOutputTopic<String, SpendWindow> openSpend;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  /** Every window emitted so far, by key; a key seen twice fails the test. */
  private final Map<String, SpendWindow> emitted = new HashMap<>();

  SpendFixture() {
    this(CONFIG);
  }

  SpendFixture(SpendConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(COMMIT_INTERVAL.toMillis()));
    try { // persistent stores write here: a fresh directory per driver, or a test sees another's windows
      props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("spend-topology-test").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(SpendTopology.build(config), props, Instant.parse("2027-01-01T00:00:00Z"));
    costs = driver.createInputTopic(TOPICS.costs(), new StringSerializer(), new ByteArraySerializer());
    spend = driver.createOutputTopic(TOPICS.spendMetrics(), new StringDeserializer(),
        AvroSerde.embedded(SpendWindow.class).deserializer());
    openSpend = driver.createOutputTopic(TOPICS.openSpendMetrics(), new StringDeserializer(),
        AvroSerde.embedded(SpendWindow.class).deserializer());
    deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static CostEvent event(String user, String provider, String costUsd, long timestamp) {
    return CostEvent.newBuilder().setService(SERVICE).setUserId(user).setProvider(provider)
        .setCostUsd(new BigDecimal(costUsd)).setTimestamp(timestamp).build();
  }

  void cost(String user, String provider, String costUsd, long timestamp) {
    send(event(user, provider, costUsd, timestamp));
  }

  void cost(String user, String provider, String costUsd, String instant) {
    cost(user, provider, costUsd, at(instant));
  }

  /** Keyed by user, as the gateway and the emitter do. */
  void send(CostEvent event) {
    costs.pipeInput(event.getUserId(), COST_SERDE.encode(event), event.getTimestamp());
  }

  /** An event of another user and service far in the future: stream time passes every window's end plus grace. */
  void closeEverything() {
    send(CostEvent.newBuilder(event("clock", "none", "0", at("2099-01-01T00:00:00Z"))).setService("clock").build());
  }

  /**
   * Lets {@code time} pass on the wall clock as it does in a running app: in steps of a second, so
   * every wall-clock check runs on time (one jump would look like a stalled task to {@code IdleClock}).
   */
  void passWallClock(Duration time) {
    for (long left = time.toMillis(); left > 0; left -= 1_000) {
      driver.advanceWallClockTime(Duration.ofMillis(Math.min(1_000, left)));
    }
  }

  /** Moves the wall clock by one commit interval: open windows that changed are published. */
  void nextCommitInterval() {
    driver.advanceWallClockTime(COMMIT_INTERVAL);
  }

  /** Topics the driver keeps every record of until read: internal ones nobody reads here. */
  List<TestOutputTopic<byte[], byte[]>> internalTopics() {
    return List.of("spend-by-user-repartition", "spend-by-service-repartition", "spend-window-store-changelog",
            "spend-stream-time-store-changelog", "spend-service-window-store-changelog",
            "spend-service-stream-time-store-changelog").stream()
        .map(name -> driver.createOutputTopic(APPLICATION_ID + "-" + name, new ByteArrayDeserializer(),
            new ByteArrayDeserializer()))
        .toList();
  }

  /** Windows emitted so far (read from the output topic), by record key. */
  Map<String, SpendWindow> windows() {
    List<KeyValue<String, SpendWindow>> records = spend.readKeyValuesToList();
    for (KeyValue<String, SpendWindow> record : records) {
      if (emitted.put(record.key, record.value) != null) {
        throw new AssertionError("window emitted twice: " + record.key);
      }
    }
    return emitted;
  }

  SpendWindow window(String key) {
    SpendWindow window = windows().get(key);
    if (window == null) {
      throw new AssertionError("no window " + key + " among " + new TreeSet<>(emitted.keySet()));
    }
    return window;
  }

  double metric(String name) {
    return driver.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
  }

  @Override
  public void close() {
    driver.close();
  }
}

package dev.klaxon.cost;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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

  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> costs;
  final TestOutputTopic<String, SpendWindow> spend;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  /** Every window emitted so far, by key; a key seen twice fails the test. */
  private final Map<String, SpendWindow> emitted = new HashMap<>();

  SpendFixture() {
    this(SpendConfig.defaults(TOPICS));
  }

  SpendFixture(SpendConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spend-topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try { // the stores are persistent: a fresh directory per driver, or a test sees another's windows
      props.put(StreamsConfig.STATE_DIR_CONFIG,
          java.nio.file.Files.createTempDirectory("spend-topology-test").toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    driver = new TopologyTestDriver(SpendTopology.build(config), props, Instant.parse("2027-01-01T00:00:00Z"));
    costs = driver.createInputTopic(TOPICS.costs(), new StringSerializer(), new ByteArraySerializer());
    spend = driver.createOutputTopic(TOPICS.spendMetrics(), new StringDeserializer(),
        AvroSerde.embedded(SpendWindow.class).deserializer());
    deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static CostEvent event(String user, String provider, String costUsd, long timestamp) {
    return CostEvent.newBuilder().setService("llm-gateway").setUserId(user).setProvider(provider)
        .setCostUsd(new BigDecimal(costUsd)).setTimestamp(timestamp).build();
  }

  void cost(String user, String provider, String costUsd, long timestamp) {
    costs.pipeInput(user, COST_SERDE.encode(event(user, provider, costUsd, timestamp)), timestamp);
  }

  void cost(String user, String provider, String costUsd, String instant) {
    cost(user, provider, costUsd, at(instant));
  }

  /** An event of another user far in the future: stream time passes every window's end plus grace. */
  void closeEverything() {
    cost("clock", "none", "0", at("2099-01-01T00:00:00Z"));
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
      throw new AssertionError("no window " + key + " among " + new java.util.TreeSet<>(emitted.keySet()));
    }
    return window;
  }

  @Override
  public void close() {
    driver.close();
  }
}

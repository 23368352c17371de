package dev.klaxon.processor;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver around both metrics pipelines, with helpers to pipe events at given times. */
final class TopologyFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Topics TOPICS = Topics.defaults();
  /** The fixture's commit interval, which open windows are published at (ProcessorSettings' default). */
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

  final TopologyTestDriver driver;
  final TestInputTopic<String, byte[]> requests;
  final TestInputTopic<String, byte[]> logs;
  final TestOutputTopic<String, RequestWindow> requestWindows;
  final TestOutputTopic<String, LogWindow> logWindows;
  final TestOutputTopic<String, RequestWindow> openRequestWindows;
  final TestOutputTopic<String, LogWindow> openLogWindows;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private final AvroSerde<RequestEvent> requestSerde = AvroSerde.embedded(RequestEvent.class);
  private final AvroSerde<LogEvent> logSerde = AvroSerde.embedded(LogEvent.class);

  TopologyFixture(MetricsConfig config) {
    this(config, AvroSerdes.embedded());
  }

  TopologyFixture(MetricsConfig config, AvroSerdes serdes) {
    this(config, serdes, COMMIT_INTERVAL);
  }

  TopologyFixture(MetricsConfig config, AvroSerdes serdes, Duration commitInterval) {
    Topology topology = MetricsProcessor.topology(config, serdes);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    driver = new TopologyTestDriver(topology, props, T0);
    requests = driver.createInputTopic(TOPICS.requests(), new StringSerializer(), new ByteArraySerializer());
    logs = driver.createInputTopic(TOPICS.logs(), new StringSerializer(), new ByteArraySerializer());
    requestWindows = driver.createOutputTopic(TOPICS.requestMetrics(), new StringDeserializer(),
        AvroSerde.embedded(RequestWindow.class).deserializer());
    logWindows = driver.createOutputTopic(TOPICS.logMetrics(), new StringDeserializer(),
        AvroSerde.embedded(LogWindow.class).deserializer());
    openRequestWindows = driver.createOutputTopic(TOPICS.openRequestMetrics(), new StringDeserializer(),
        AvroSerde.embedded(RequestWindow.class).deserializer());
    openLogWindows = driver.createOutputTopic(TOPICS.openLogMetrics(), new StringDeserializer(),
        AvroSerde.embedded(LogWindow.class).deserializer());
    deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static MetricsConfig oneMinuteWindows() {
    return new MetricsConfig(TOPICS, List.of(Duration.ofMinutes(1)), Duration.ofSeconds(10),
        Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  static long at(String offsetFromT0) {
    return T0.plus(Duration.parse("PT" + offsetFromT0)).toEpochMilli();
  }

  static long atMillis(long offsetFromT0) {
    return T0.toEpochMilli() + offsetFromT0;
  }

  void request(String service, String route, int status, double durationMs, long timestamp) {
    request(service, route, status, durationMs, timestamp, null);
  }

  void request(String service, String route, int status, double durationMs, long timestamp, String environment) {
    RequestEvent event = RequestEvent.newBuilder().setService(service).setRoute(route).setStatus(status)
        .setDurationMs(durationMs).setTimestamp(timestamp).setEnvironment(environment).build();
    requests.pipeInput(service, requestSerde.encode(event), timestamp);
  }

  void log(String service, LogLevel level, long timestamp) {
    log(service, level, timestamp, null);
  }

  void log(String service, LogLevel level, long timestamp, String environment) {
    LogEvent event = LogEvent.newBuilder().setService(service).setLevel(level).setMessage("m")
        .setTimestamp(timestamp).setEnvironment(environment).build();
    logs.pipeInput(service, logSerde.encode(event), timestamp);
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

  double metric(String operation) {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
      if (entry.getKey().name().equals(operation + "-total")) {
        total += ((Number) entry.getValue().metricValue()).doubleValue();
      }
    }
    return total;
  }

  @Override
  public void close() {
    driver.close();
  }
}

package dev.klaxon.rules;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A TopologyTestDriver around the evaluator: closed and open windows piped at explicit times, minute
 * {@code m} meaning the 1-minute window starting {@code m} minutes after {@link #T0}; the wall clock
 * starts at T0 and moves only when a test moves it.
 */
final class EvaluatorFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final Topics TOPICS = Topics.defaults();
  static final long MINUTE = Duration.ofMinutes(1).toMillis();

  final TopologyTestDriver driver;
  final TestOutputTopic<String, Alert> alerts;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private final TestInputTopic<String, RequestWindow> closedRequests;
  private final TestInputTopic<String, RequestWindow> openRequests;
  private final TestInputTopic<String, LogWindow> closedLogs;
  private final TestInputTopic<String, LogWindow> openLogs;
  private final TestInputTopic<String, SpendWindow> closedSpend;
  private final TestInputTopic<String, SpendWindow> openSpend;
  final TestInputTopic<String, byte[]> rawClosedRequests;
  private final Path stateDir;

  EvaluatorFixture(RuleSet rules, Path stateDir) {
    this(rules, stateDir, T0);
  }

  EvaluatorFixture(RuleSet rules, Path stateDir, Instant wallClock) {
    this(rules, stateDir, wallClock, EvaluatorMetrics.none());
  }

  EvaluatorFixture(RuleSet rules, Path stateDir, Instant wallClock, EvaluatorMetrics metrics) {
    this.stateDir = stateDir;
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rules-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(AlertEvaluatorTopology.build(rules, EvaluatorConfig.defaults(TOPICS),
        dev.klaxon.schemas.serde.AvroSerdes.embedded(), metrics), props,
        wallClock);
    AvroSerde<RequestWindow> requests = AvroSerde.embedded(RequestWindow.class);
    AvroSerde<LogWindow> logs = AvroSerde.embedded(LogWindow.class);
    closedRequests = driver.createInputTopic(TOPICS.requestMetrics(), new StringSerializer(), requests.serializer());
    openRequests = driver.createInputTopic(TOPICS.openRequestMetrics(), new StringSerializer(), requests.serializer());
    closedLogs = driver.createInputTopic(TOPICS.logMetrics(), new StringSerializer(), logs.serializer());
    openLogs = driver.createInputTopic(TOPICS.openLogMetrics(), new StringSerializer(), logs.serializer());
    AvroSerde<SpendWindow> spend = AvroSerde.embedded(SpendWindow.class);
    closedSpend = driver.createInputTopic(TOPICS.spendMetrics(), new StringSerializer(), spend.serializer());
    openSpend = driver.createInputTopic(TOPICS.openSpendMetrics(), new StringSerializer(), spend.serializer());
    rawClosedRequests = driver.createInputTopic(TOPICS.requestMetrics(), new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
    alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(),
        AvroSerde.embedded(Alert.class).deserializer());
    deadLetters = driver.createOutputTopic(TOPICS.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  static RuleSet rules(String... yaml) {
    StringBuilder file = new StringBuilder("rules:\n");
    for (String rule : yaml) {
      file.append("  - ").append(rule.strip()).append('\n');
    }
    return RuleSet.parse(file.toString(), "test");
  }

  static long minute(double m) {
    return T0.toEpochMilli() + Math.round(m * MINUTE);
  }

  /** A request window of {@code service} (route *) starting at minute {@code m}. */
  static RequestWindow.Builder window(String service, int m) {
    return RequestWindow.newBuilder().setService(service).setRoute("*").setWindowStart(minute(m))
        .setWindowEnd(minute(m + 1)).setCount(100).setErrors5xx(0).setErrors4xx(0).setErrorRate(0).setP50(50)
        .setP95(100).setP99(150).setMax(200).setMean(60).setHistogram(ByteBuffer.allocate(0));
  }

  static RequestWindow p95(String service, int m, double p95) {
    return window(service, m).setP95(p95).build();
  }

  /** The closed window, as the processor publishes it: when it closes (end + 10 s grace). */
  void closed(RequestWindow window) {
    closedRequests.pipeInput(key(window.getService(), window.getRoute(), window.getWindowStart(), window.getEnvironment()),
        window, window.getWindowStart());
  }

  /** Running values of an open window, current to event time {@code at}. */
  void open(RequestWindow window, long at) {
    openRequests.pipeInput(key(window.getService(), window.getRoute(), window.getWindowStart(), window.getEnvironment()),
        window, at);
  }

  void closedLogs(String service, LogLevel level, int m, long count) {
    closedLogs.pipeInput(key(service, level.name(), minute(m), null), logWindow(service, level, m, count), minute(m));
  }

  void openLogs(String service, LogLevel level, int m, long count, long at) {
    openLogs.pipeInput(key(service, level.name(), minute(m), null), logWindow(service, level, m, count), at);
  }

  private static LogWindow logWindow(String service, LogLevel level, int m, long count) {
    return LogWindow.newBuilder().setService(service).setLevel(level).setWindowStart(minute(m))
        .setWindowEnd(minute(m + 1)).setCount(count).build();
  }

  /**
   * A spend window of a user ({@code user}, provider) or, with {@code user} {@code *} and a service set
   * on the builder, of a service: from {@code start} to {@code end}, {@code usd} spent in {@code events}.
   */
  static SpendWindow.Builder spend(String user, String provider, String granularity, Instant start, Instant end,
      String usd) {
    return SpendWindow.newBuilder().setUserId(user).setProvider(provider).setGranularity(granularity)
        .setWindowStart(start.toEpochMilli()).setWindowEnd(end.toEpochMilli()).setCostUsd(new BigDecimal(usd).setScale(9))
        .setEvents(10).setUnits(new java.util.HashMap<>());
  }

  /** A closed spend window, as the cost aggregator publishes it once (timestamped with its start). */
  void closedSpend(SpendWindow window) {
    closedSpend.pipeInput(spendKey(window), window, window.getWindowStart());
  }

  /** The running total of an open spend window, current to event time {@code at}. */
  void openSpend(SpendWindow window, long at) {
    openSpend.pipeInput(spendKey(window), window, at);
  }

  private static String spendKey(SpendWindow window) {
    return window.getUserId() + '|' + window.getProvider() + '|' + Instant.ofEpochMilli(window.getWindowStart()) + '/'
        + window.getGranularity() + (window.getService() == null ? "" : "|service=" + window.getService());
  }

  static String key(String service, String second, long start, String environment) {
    return service + '|' + second + '|' + Instant.ofEpochMilli(start) + "/PT1M"
        + (environment == null ? "" : "|environment=" + environment);
  }

  void advanceWallClock(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  List<Alert> transitions() {
    return alerts.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
  }

  /**
   * Stops the evaluator and leaves its state directory as a stopped instance leaves it, for the next
   * fixture on the same directory. TopologyTestDriver deletes its state directory on close (a real
   * instance does not), so the committed stores are copied aside first and put back afterwards; the
   * driver commits after every record, so the copy holds everything processed.
   */
  void stop() {
    Path copy = stateDir.resolveSibling(stateDir.getFileName() + "-stopped");
    copyTree(stateDir, copy);
    driver.close();
    copyTree(copy, stateDir);
  }

  private static void copyTree(Path from, Path to) {
    try (var paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.getFileName().toString().equals("LOCK")) {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

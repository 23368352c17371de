package dev.klaxon.cost.internal;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The window step alone on a mock context: records carry the source-partition header as they do
 * after the repartition (the test driver pipes every record to partition 0, so several upstream
 * partitions can only be shown here), and the wall-clock checks run when the test says. The stores
 * outlive a {@link #restart()}, as a state directory does.
 */
final class WindowStep {

  static final String WINDOWS = "w";
  static final String STREAM_TIME = "t";

  private final SpendConfig config;
  private final SpendSeries series;
  private final SpendWindowStore windows;
  private final KeyValueStore<String, Long> streamTime;
  private MockProcessorContext<Object, Object> context;
  private SpendWindowProcessor processor;
  private long wallClock;
  private int forwardedRead;
  /** Closed windows by key, in the order they closed; a window closed twice fails the test. */
  final Map<String, SpendWindow> closed = new LinkedHashMap<>();

  WindowStep(SpendSeries series, SpendConfig config, long wallClock) {
    this.series = series;
    this.config = config;
    this.wallClock = wallClock;
    this.windows = SpendWindowStore.builder(WINDOWS, SpendConfig.Stores.IN_MEMORY).withLoggingDisabled().build();
    this.streamTime = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STREAM_TIME), Serdes.String(),
        Serdes.Long()).withLoggingDisabled().build();
    start();
  }

  static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  static CostEvent event(String user, String costUsd, long timestamp) {
    return CostEvent.newBuilder().setService("llm").setUserId(user).setProvider("openai")
        .setCostUsd(new BigDecimal(costUsd)).setTimestamp(timestamp).build();
  }

  private void start() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-step");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000"); // open totals and watermarks written each second
    context = new MockProcessorContext<>(props);
    context.setCurrentSystemTimeMs(wallClock);
    windows.init(context.getStateStoreContext(), windows);
    streamTime.init(context.getStateStoreContext(), streamTime);
    context.addStateStore(windows);
    context.addStateStore(streamTime);
    processor = new SpendWindowProcessor(series, config, WINDOWS, STREAM_TIME, "closed", "open", "overflow");
    processor.init(context);
    forwardedRead = 0;
  }

  /** Closes the processor and starts a new one on the same stores, as after a crash and restart. */
  void restart() {
    processor.close();
    windows.flush(); // as the commit before the restart; the live objects are gone with the old processor
    windows.clearCache();
    start();
  }

  /** A cost event read from {@code sourcePartition} of the input topic. */
  void send(int sourcePartition, CostEvent event) {
    context.setRecordMetadata("spend-by-user-repartition", 0, 0);
    processor.process(new Record<>(null, new ValidCost(event, new byte[0]), event.getTimestamp(),
        SourcePartition.headers(sourcePartition)));
    collect();
  }

  /** Lets wall-clock time pass in steps of a second, each with its checks on time. */
  void passWallClock(long millis) {
    for (long left = millis; left > 0; left -= 1_000) {
      jumpWallClock(Math.min(1_000, left));
    }
  }

  /** Moves the wall clock at once and runs the checks: a stall when longer than a few seconds. */
  void jumpWallClock(long millis) {
    wallClock += millis;
    context.setCurrentSystemTimeMs(wallClock);
    for (MockProcessorContext.CapturedPunctuator punctuator : context.scheduledPunctuators()) {
      if (punctuator.getType() == PunctuationType.WALL_CLOCK_TIME) {
        punctuator.getPunctuator().punctuate(wallClock);
      }
    }
    collect();
  }

  double lateEvents() {
    return context.metrics().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals("late-events-total"))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
  }

  private void collect() {
    var forwarded = context.forwarded();
    for (; forwardedRead < forwarded.size(); forwardedRead++) {
      var record = forwarded.get(forwardedRead);
      if (record.childName().orElseThrow().equals("closed")) {
        String key = (String) record.record().key();
        if (closed.put(key, (SpendWindow) record.record().value()) != null) {
          throw new AssertionError("window closed twice: " + key);
        }
      }
    }
  }

}

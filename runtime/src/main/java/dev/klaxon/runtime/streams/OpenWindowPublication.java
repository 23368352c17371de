package dev.klaxon.runtime.streams;

import java.time.Duration;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * How often a windowing processor publishes running values of its open windows (design §6, fast
 * detection): the app's {@code commit.interval.ms}. Publishing more often would not make the values
 * visible sooner, as read_committed consumers see them at the commit.
 */
public final class OpenWindowPublication {

  static final long MIN_INTERVAL_MS = 10;

  private OpenWindowPublication() {}

  /** The app's commit interval (Streams' default for its processing guarantee when not set). */
  public static Duration interval(ProcessorContext<?, ?> context) {
    Object configured = context.appConfigs().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
    long ms = configured instanceof Number number ? number.longValue() : Long.parseLong(String.valueOf(configured));
    return Duration.ofMillis(Math.max(ms, MIN_INTERVAL_MS));
  }
}

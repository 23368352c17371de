package dev.klaxon.processor;

import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.time.Duration;
import java.util.List;

/**
 * What the metrics topologies compute (design §6).
 *
 * @param topics topic names
 * @param windowSizes tumbling window sizes; each event lands in one window of every size
 * @param grace how long after a window's end, in event time, late events are still counted
 * @param idleClose a partition that received nothing for this long (wall clock) closes windows whose
 *     end plus grace has passed by the wall clock, so a service that goes quiet still gets its last
 *     window reported
 * @param punctuateInterval how often the wall-clock check runs
 * @param eventLimits bounds of the event rules every decoded record must pass; records that fail
 *     go to the dead-letter topic instead of a window. Keep them as loose as the gateway's, or
 *     events it accepted are dead-lettered here
 */
public record MetricsConfig(
    Topics topics, List<Duration> windowSizes, Duration grace, Duration idleClose,
    Duration punctuateInterval, EventLimits eventLimits) {

  public static final List<Duration> DEFAULT_WINDOW_SIZES = List.of(Duration.ofMinutes(1));
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(1);

  public MetricsConfig {
    windowSizes = List.copyOf(windowSizes);
    if (windowSizes.isEmpty()) {
      throw new IllegalArgumentException("windowSizes must name at least one window size");
    }
    for (Duration size : windowSizes) {
      if (size.toMillis() < 1000) {
        throw new IllegalArgumentException("windowSizes: " + size + " is shorter than 1 second");
      }
    }
    if (windowSizes.stream().distinct().count() != windowSizes.size()) {
      throw new IllegalArgumentException("windowSizes lists a size twice: " + windowSizes);
    }
    requireNonNegative("grace", grace);
    requireNonNegative("idleClose", idleClose);
    if (punctuateInterval.toMillis() < 10) {
      throw new IllegalArgumentException("punctuateInterval must be at least 10ms, got " + punctuateInterval);
    }
    if (eventLimits == null) {
      throw new IllegalArgumentException("eventLimits is required");
    }
  }

  /** With the default event limits. */
  public MetricsConfig(Topics topics, List<Duration> windowSizes, Duration grace, Duration idleClose,
      Duration punctuateInterval) {
    this(topics, windowSizes, grace, idleClose, punctuateInterval, EventLimits.defaults());
  }

  /** Defaults of the design: 1-minute windows, 10 s grace. */
  public static MetricsConfig defaults(Topics topics) {
    return new MetricsConfig(topics, DEFAULT_WINDOW_SIZES, DEFAULT_GRACE, DEFAULT_GRACE,
        DEFAULT_PUNCTUATE_INTERVAL);
  }

  public MetricsConfig withWindows(List<Duration> sizes, Duration newGrace) {
    return new MetricsConfig(topics, sizes, newGrace, newGrace, punctuateInterval, eventLimits);
  }

  public MetricsConfig withEventLimits(EventLimits value) {
    return new MetricsConfig(topics, windowSizes, grace, idleClose, punctuateInterval, value);
  }

  private static void requireNonNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
    }
  }
}

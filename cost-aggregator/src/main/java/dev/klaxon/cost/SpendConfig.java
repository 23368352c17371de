package dev.klaxon.cost;

import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the spend topology.
 *
 * @param topics topic names (reads {@code costs}, writes {@code spendMetrics} and {@code deadLetter})
 * @param granularities window sizes computed for every series
 * @param grace how long after a window's end, in event time, late cost events are still summed
 * @param eventLimits the event rules' limits; a cost above {@link EventLimits#maxCostUsd()} is dead-lettered
 */
public record SpendConfig(Topics topics, List<Granularity> granularities, Duration grace, EventLimits eventLimits) {

  public static final List<Granularity> DEFAULT_GRANULARITIES = List.of(Granularity.values());
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  public SpendConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(eventLimits, "eventLimits");
    if (granularities == null || granularities.isEmpty()) {
      throw new IllegalArgumentException("granularities must name at least one window size");
    }
    granularities = List.copyOf(granularities);
    if (grace == null || grace.isNegative()) {
      throw new IllegalArgumentException("grace must be >= 0, got " + grace);
    }
  }

  /** Minute, hour, day and month windows, 10 s grace (as the request metrics), default event limits. */
  public static SpendConfig defaults(Topics topics) {
    return new SpendConfig(topics, DEFAULT_GRANULARITIES, DEFAULT_GRACE, EventLimits.defaults());
  }

  public SpendConfig withGrace(Duration value) {
    return new SpendConfig(topics, granularities, value, eventLimits);
  }
}

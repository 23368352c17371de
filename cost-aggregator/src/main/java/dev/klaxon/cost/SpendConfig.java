package dev.klaxon.cost;

import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the spend topology.
 *
 * @param topics topic names (reads {@code costs}, writes {@code spendMetrics}, {@code openSpendMetrics}
 *     and {@code deadLetter})
 * @param granularities window sizes computed for every series
 * @param grace how long after a window's end, in event time, late cost events are still summed
 * @param eventLimits the event rules' limits; a cost above {@link EventLimits#maxCostUsd()} is dead-lettered
 * @param idleClose a partition that received nothing for this long (wall clock) closes the windows whose
 *     end plus grace has passed by the wall clock, so the last window of a user who stops spending is
 *     still reported
 * @param punctuateInterval how often the wall-clock check runs
 * @param stores where open windows are kept: {@link Stores#PERSISTENT} (RocksDB, the default: month
 *     windows of every user stay open for weeks and a restart should not replay them all from the
 *     changelog) or {@link Stores#IN_MEMORY} (restored from the changelog at start; for tests and small
 *     deployments)
 * @param inputPartitions how many partitions the costs topic has, or 0 (the default) to count the input
 *     partitions as they are heard from. With the count, each of them holds windows back after the
 *     repartition from the start, until it is heard from or idle ({@code IdleClock}'s start wait, 30 s);
 *     without it, at a first start on a backlog the first partition read can close windows that another
 *     partition's backlog still holds events for (after a restart, the partitions known from the store
 *     hold windows back either way). A replay sets it: it always starts on a backlog. The live role
 *     leaves it at 0: with input keyed by user, most partitions never send to a given user's task, and
 *     each would hold that task's windows for the start wait at every restart
 */
public record SpendConfig(Topics topics, List<Granularity> granularities, Duration grace, EventLimits eventLimits,
    Duration idleClose, Duration punctuateInterval, Stores stores, int inputPartitions) {

  public static final List<Granularity> DEFAULT_GRANULARITIES = List.of(Granularity.values());
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MIN_DEFAULT_IDLE_CLOSE = Duration.ofSeconds(10);

  /** Kind of state store for open windows. */
  public enum Stores { PERSISTENT, IN_MEMORY }

  public SpendConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(eventLimits, "eventLimits");
    Objects.requireNonNull(stores, "stores");
    if (granularities == null || granularities.isEmpty()) {
      throw new IllegalArgumentException("granularities must name at least one window size");
    }
    granularities = List.copyOf(granularities);
    if (granularities.stream().distinct().count() != granularities.size()) {
      throw new IllegalArgumentException("granularities lists a size twice: " + granularities);
    }
    requireNonNegative("grace", grace);
    requireNonNegative("idleClose", idleClose);
    if (punctuateInterval == null || punctuateInterval.toMillis() < 10) {
      throw new IllegalArgumentException("punctuateInterval must be at least 10ms, got " + punctuateInterval);
    }
    if (inputPartitions < 0) {
      throw new IllegalArgumentException("inputPartitions must be >= 0 (0: not known), got " + inputPartitions);
    }
  }

  /** The input's partition count not known (see {@code inputPartitions}). */
  public SpendConfig(Topics topics, List<Granularity> granularities, Duration grace, EventLimits eventLimits,
      Duration idleClose, Duration punctuateInterval, Stores stores) {
    this(topics, granularities, grace, eventLimits, idleClose, punctuateInterval, stores, 0);
  }

  /**
   * Idle close after the grace but never sooner than {@link #MIN_DEFAULT_IDLE_CLOSE}, wall-clock check every
   * second, persistent stores. Why the floor: a partition is "idle" between two fetches too; with a grace
   * of 0 an idle close of 0 would close every open window at each check, by the wall clock, while a
   * backlog of older events is still being read, and drop that backlog as late.
   */
  public SpendConfig(Topics topics, List<Granularity> granularities, Duration grace, EventLimits eventLimits) {
    this(topics, granularities, grace, eventLimits, max(grace, MIN_DEFAULT_IDLE_CLOSE), DEFAULT_PUNCTUATE_INTERVAL,
        Stores.PERSISTENT);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Minute, hour, day and month windows, 10 s grace (as the request metrics), default event limits. */
  public static SpendConfig defaults(Topics topics) {
    return new SpendConfig(topics, DEFAULT_GRANULARITIES, DEFAULT_GRACE, EventLimits.defaults());
  }

  public SpendConfig withInputPartitions(int value) {
    return new SpendConfig(topics, granularities, grace, eventLimits, idleClose, punctuateInterval, stores, value);
  }

  public SpendConfig withGrace(Duration value) {
    return new SpendConfig(topics, granularities, value, eventLimits, idleClose, punctuateInterval, stores,
        inputPartitions);
  }

  public SpendConfig withGranularities(List<Granularity> value) {
    return new SpendConfig(topics, value, grace, eventLimits, idleClose, punctuateInterval, stores,
        inputPartitions);
  }

  public SpendConfig withStores(Stores value) {
    return new SpendConfig(topics, granularities, grace, eventLimits, idleClose, punctuateInterval, value,
        inputPartitions);
  }

  public SpendConfig withIdleClose(Duration value) {
    return new SpendConfig(topics, granularities, grace, eventLimits, value, punctuateInterval, stores,
        inputPartitions);
  }

  private static void requireNonNegative(String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }
}

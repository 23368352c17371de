package dev.klaxon.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * The event-time range a replay recomputes, widened to whole windows: {@link #start()} is {@code from}
 * rounded down to the window size and {@link #end()} is {@code to} rounded up, so the first and last
 * windows hold all their events instead of a slice (a slice would look like a traffic drop).
 *
 * <p>Events are read from {@code start} until the first event at or after {@link #closesAt()}
 * ({@code end + grace}) in each partition: that event is what closes the last windows in the live
 * processor too, so an event arriving later than the grace is dropped in the replay as it was live.
 */
public record ReplayRange(Instant from, Instant to, Duration window, Duration grace) {

  public ReplayRange {
    if (!to.isAfter(from)) {
      throw new ReplayException("--to " + to + " must be after --from " + from);
    }
    if (window.toMillis() < 1000) {
      throw new ReplayException("--window must be at least 1s, got " + window);
    }
    if (grace.isNegative()) {
      throw new ReplayException("--grace must not be negative, got " + grace);
    }
  }

  /** First window start: {@code from} rounded down to the window. */
  public Instant start() {
    long size = window.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), size) * size);
  }

  /** End of the last window: {@code to} rounded up to the window. */
  public Instant end() {
    long size = window.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli() + size - 1, size) * size);
  }

  /** Event time at which every window of the range has closed. */
  public Instant closesAt() {
    return end().plus(grace);
  }

  /** Whether the window [windowStart, windowEnd) lies wholly inside the range. */
  public boolean holds(long windowStart, long windowEnd) {
    return windowStart >= start().toEpochMilli() && windowEnd <= end().toEpochMilli();
  }

  public int windowCount() {
    return (int) ((end().toEpochMilli() - start().toEpochMilli()) / window.toMillis());
  }
}

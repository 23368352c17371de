package dev.klaxon.cost.internal;

import dev.klaxon.runtime.streams.IdleClock;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The event time each upstream partition has reached in one task's input, and the lowest of them
 * over the partitions still sending: how far the task may close windows (see
 * {@link SpendWindowProcessor}). Not thread-safe, like the processor that owns it.
 *
 * <p>A source is <em>active</em> from its first record (or, after a restart, from the start) until
 * its own {@link IdleClock} finds it idle: nothing from it for {@code idleClose} of wall-clock time
 * while the checks ran on time. IdleClock's stall rule matters here: after a stall (a rebalance, a
 * long GC, a starved machine) every source looks silent, though the records were only not being
 * processed; a late check restarts the clocks instead of letting one fast source close windows that
 * the others' records, waiting behind the stall, still belong to. After a restart the sources known
 * from the store wait as a started task does ({@link IdleClock#STARTUP_IDLE_MS}).
 */
final class SourceWatermarks {

  private final long idleCloseMs;
  private final long checkIntervalMs;
  /** By partition + 1 (index 0 is {@link SourcePartition#UNKNOWN}); partitions are small and dense. */
  private Source[] sources = new Source[8];
  private long low = Long.MIN_VALUE;

  SourceWatermarks(long idleCloseMs, long checkIntervalMs) {
    this.idleCloseMs = idleCloseMs;
    this.checkIntervalMs = checkIntervalMs;
  }

  /** A source known from the store: active (it may have a backlog), holding windows back from now on. */
  void restore(int partition, long watermark) {
    Source source = source(partition);
    source.watermark = watermark;
    source.active = true;
    recomputeLow();
  }

  /**
   * A source expected to send (a partition of the input) that has not been heard from yet: it holds
   * every window back until it is, or until it is idle.
   */
  void expect(int partition) {
    Source source = source(partition);
    if (!source.active && source.watermark == Long.MIN_VALUE) {
      source.active = true;
      recomputeLow();
    }
  }

  /**
   * A record from {@code partition} with event time {@code eventTime}, processed at wall-clock
   * {@code now}. Returns whether {@link #low()} may have risen.
   */
  boolean heard(int partition, long eventTime, long now) {
    Source source = source(partition);
    source.clock.processed(now);
    boolean wasActive = source.active;
    boolean wasLowest = wasActive && source.watermark == low;
    if (eventTime > source.watermark) {
      source.watermark = eventTime;
      source.dirty = true;
    } else if (wasActive) {
      return false;
    }
    source.active = true;
    return (!wasActive || wasLowest) && recomputeLow();
  }

  /** The wall-clock check: sources silent for idleClose stop holding windows back. Returns whether low rose. */
  boolean checkIdle(long now) {
    boolean changed = false;
    for (Source source : sources) {
      if (source != null && source.clock.isIdle(now) && source.active) {
        source.active = false;
        changed = true;
      }
    }
    return changed && recomputeLow();
  }

  /** Whether any source still holds windows back (so the task is not idle as a whole). */
  boolean anyActive() {
    for (Source source : sources) {
      if (source != null && source.active) {
        return true;
      }
    }
    return false;
  }

  /** The lowest watermark of the active sources, or {@link Long#MIN_VALUE} when none is active. */
  long low() {
    return low;
  }

  /** Calls {@code action} with (partition, watermark) of each source changed since the last call. */
  void drainChanged(BiConsumer<Integer, Long> action) {
    for (Source source : sources) {
      if (source != null && source.dirty) {
        source.dirty = false;
        action.accept(source.partition, source.watermark);
      }
    }
  }

  private Source source(int partition) {
    int index = Math.max(partition, SourcePartition.UNKNOWN) + 1;
    if (index < sources.length && sources[index] != null) {
      return sources[index];
    }
    if (index >= sources.length) {
      sources = Arrays.copyOf(sources, Math.max(index + 1, 2 * sources.length));
    }
    sources[index] = new Source(index - 1, new IdleClock(idleCloseMs, checkIntervalMs));
    return sources[index];
  }

  /** Returns whether the lowest active watermark rose. */
  private boolean recomputeLow() {
    long previous = low;
    long lowest = Long.MAX_VALUE;
    for (Source source : sources) {
      if (source != null && source.active) {
        lowest = Math.min(lowest, source.watermark);
      }
    }
    low = lowest == Long.MAX_VALUE ? Long.MIN_VALUE : lowest;
    return low > previous;
  }

  private static final class Source {
    final int partition;
    final IdleClock clock;
    long watermark = Long.MIN_VALUE;
    /** Holding windows back: heard from (or restored) and not idle since. */
    boolean active;
    /** Watermark changed since it was last written to the store. */
    boolean dirty;

    Source(int partition, IdleClock clock) {
      this.partition = partition;
      this.clock = clock;
    }
  }
}

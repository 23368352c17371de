package dev.klaxon.runtime.streams;

/**
 * Tells a windowing processor when its partition has gone idle on the wall clock, so it may close
 * windows that event time alone would keep open (the last window of a service or user that stops
 * sending). One per processor instance (task); not thread-safe, like the processor.
 *
 * <p>Idle means nothing processed for {@code idleClose}. Right after a (re)start the task has
 * processed nothing yet only because its first fetch has not arrived, and the windows it restored
 * are waiting for the backlog behind them; closing them then would drop that backlog as late. So
 * until the first record, a task waits {@link #STARTUP_IDLE_MS} (or idleClose if longer). The idle
 * clock starts with the first check, not in {@code init}: {@code currentSystemTimeMs()} is only set
 * while processing or punctuating.
 *
 * <p>The same holds after a stall: when the checks themselves come late (a rebalance, a long GC, a
 * starved machine), the task was not idle, it was not running, and records may be waiting behind the
 * stall. A check more than {@link #STALL_FACTOR} check intervals after the previous one restarts the
 * clock as after a start, instead of closing windows whose events are still to come.
 */
public final class IdleClock {

  public static final long STARTUP_IDLE_MS = 30_000;
  /** A check this many intervals (plus a second) after the previous one means the task was stalled. */
  public static final int STALL_FACTOR = 3;
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final long idleCloseMs;
  private final long stallMs;
  private long lastActivity = UNKNOWN;
  private long lastCheck = UNKNOWN;
  private boolean processedSinceStart;

  /**
   * @param idleCloseMs nothing processed for this long (wall clock) is idle
   * @param checkIntervalMs how often {@link #isIdle} is called (the punctuation interval)
   */
  public IdleClock(long idleCloseMs, long checkIntervalMs) {
    this.idleCloseMs = idleCloseMs;
    this.stallMs = STALL_FACTOR * checkIntervalMs + 1_000;
  }

  /** A record was processed at wall-clock time {@code now}. */
  public void processed(long now) {
    lastActivity = now;
    processedSinceStart = true;
  }

  /** Whether nothing has been processed for long enough at wall-clock time {@code now}. */
  public boolean isIdle(long now) {
    boolean stalled = lastCheck != UNKNOWN && now - lastCheck > stallMs;
    lastCheck = now;
    if (lastActivity == UNKNOWN || stalled) {
      lastActivity = now; // the idle clock starts with the task's first punctuation, and again after a stall
      processedSinceStart = processedSinceStart && !stalled;
      return false;
    }
    long idleNeeded = processedSinceStart ? idleCloseMs : Math.max(idleCloseMs, STARTUP_IDLE_MS);
    return now - lastActivity >= idleNeeded;
  }
}

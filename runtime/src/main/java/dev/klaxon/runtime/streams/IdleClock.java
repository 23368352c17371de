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
 */
public final class IdleClock {

  public static final long STARTUP_IDLE_MS = 30_000;
  private static final long UNKNOWN = Long.MIN_VALUE;

  private final long idleCloseMs;
  private long lastActivity = UNKNOWN;
  private boolean processedSinceStart;

  public IdleClock(long idleCloseMs) {
    this.idleCloseMs = idleCloseMs;
  }

  /** A record was processed at wall-clock time {@code now}. */
  public void processed(long now) {
    lastActivity = now;
    processedSinceStart = true;
  }

  /** Whether nothing has been processed for long enough at wall-clock time {@code now}. */
  public boolean isIdle(long now) {
    if (lastActivity == UNKNOWN) {
      lastActivity = now; // the idle clock starts with the task's first punctuation
      return false;
    }
    long idleNeeded = processedSinceStart ? idleCloseMs : Math.max(idleCloseMs, STARTUP_IDLE_MS);
    return now - lastActivity >= idleNeeded;
  }
}

package dev.klaxon.emitter.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one line per interval for a repeating problem, saying how many were not logged: a broker
 * outage fails thousands of records, and the application's log should not drown in them.
 */
final class ThrottledLog {

  private static final System.Logger log = System.getLogger("dev.klaxon.emitter");
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private final AtomicLong nextLogNanos = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  void warn(String message, Throwable cause) {
    long now = System.nanoTime();
    long next = nextLogNanos.get();
    if (now - next < 0 || !nextLogNanos.compareAndSet(next, now + INTERVAL_NANOS)) {
      suppressed.incrementAndGet();
      return;
    }
    long skipped = suppressed.getAndSet(0);
    String more = skipped > 0 ? " (and " + skipped + " more like it since the last line)" : "";
    log.log(Level.WARNING, message + more + ": " + cause);
  }
}

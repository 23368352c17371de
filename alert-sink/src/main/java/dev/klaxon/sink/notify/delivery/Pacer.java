package dev.klaxon.sink.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/** Sliding-window limiter of one destination: waits (never drops) until a request is allowed. Used by its worker thread only. */
final class Pacer {

  private final Pacing pacing;
  private final TimeSource time;
  private final ArrayDeque<Instant> recent = new ArrayDeque<>();

  Pacer(Pacing pacing, TimeSource time) {
    this.pacing = pacing;
    this.time = time;
  }

  void awaitPermit() throws InterruptedException {
    if (pacing.isUnlimited()) {
      return;
    }
    while (true) {
      Instant now = time.now();
      while (!recent.isEmpty() && !recent.peekFirst().plus(pacing.per()).isAfter(now)) {
        recent.removeFirst();
      }
      if (recent.size() < pacing.permits()) {
        recent.addLast(now);
        return;
      }
      time.sleep(Duration.between(now, recent.peekFirst().plus(pacing.per())));
    }
  }
}

package dev.klaxon.sink.notify.delivery;

import java.time.Duration;
import java.time.Instant;

/** The clock and the waiting of the delivery stage, so tests run backoffs and pacing in virtual time. */
public interface TimeSource {

  Instant now();

  void sleep(Duration duration) throws InterruptedException;

  static TimeSource system() {
    return new TimeSource() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
      }
    };
  }
}

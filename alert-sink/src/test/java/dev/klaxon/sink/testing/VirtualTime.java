package dev.klaxon.sink.testing;

import dev.klaxon.sink.notify.delivery.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delivery time for tests: a wait (backoff, Retry-After, pacing) is recorded, moves time on and returns at once. */
public final class VirtualTime implements TimeSource {

  private Instant now;
  private final List<Duration> waits = new CopyOnWriteArrayList<>();

  public VirtualTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    waits.add(duration);
    synchronized (this) {
      now = now.plus(duration);
    }
  }

  public List<Duration> waits() {
    return List.copyOf(waits);
  }
}

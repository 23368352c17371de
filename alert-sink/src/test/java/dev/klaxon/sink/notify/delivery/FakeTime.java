package dev.klaxon.sink.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Virtual time: sleeping records the wait, moves the clock on and returns at once. */
final class FakeTime implements TimeSource {

  private Instant now = Instant.parse("2025-03-01T12:00:00Z");
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private volatile Runnable onSleep = () -> {};

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    sleeps.add(duration);
    synchronized (this) {
      now = now.plus(duration);
    }
    onSleep.run();
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** Runs during every sleep, e.g. to submit an update while a retry waits. */
  void onSleep(Runnable action) {
    this.onSleep = action;
  }
}

package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.DropReason;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * The one background thread: takes batches from the backlog and hands them to the transport until
 * the backlog is closed and empty, or the thread is interrupted (close gave up waiting).
 */
public final class Sender implements Runnable {

  private static final System.Logger log = System.getLogger("dev.klaxon.emitter");

  private final Backlog backlog;
  private final Transport transport;
  private final Outcomes outcomes;
  private final int batchSize;
  private final long lingerNanos;
  private final Thread thread;

  public Sender(Backlog backlog, Transport transport, Outcomes outcomes, int batchSize, Duration linger) {
    this.backlog = backlog;
    this.transport = transport;
    this.outcomes = outcomes;
    this.batchSize = batchSize;
    this.lingerNanos = linger.toNanos();
    this.thread = new Thread(this, "klaxon-emitter-sender");
    this.thread.setDaemon(true); // telemetry must never keep an application from exiting
  }

  public void start() {
    thread.start();
  }

  @Override
  public void run() {
    try {
      while (true) {
        List<Pending> batch = backlog.nextBatch(batchSize, lingerNanos);
        if (batch.isEmpty()) {
          return; // closed and drained
        }
        sendGuarded(batch);
      }
    } catch (InterruptedException e) {
      // close() ran out of time; it drops what is left.
    }
  }

  private void sendGuarded(List<Pending> batch) throws InterruptedException {
    try {
      transport.send(batch, outcomes);
    } catch (RuntimeException e) {
      log.log(Level.ERROR, "emitter failed sending a batch of " + batch.size() + " events; dropped", e);
      outcomes.dropped(batch, DropReason.FAILED);
    }
  }

  /** Interrupts the sender (giving up on a batch being retried) and waits for it to end. */
  public void stop(Duration timeout) throws InterruptedException {
    thread.interrupt();
    thread.join(Math.max(1, timeout.toMillis()));
  }

  /** Waits up to {@code timeout} for the sender to end by itself. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    thread.join(Math.max(1, timeout.toMillis()));
    return !thread.isAlive();
  }
}

package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyStats;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * The delivery stage around notifiers: one {@link Destination} (queue + worker) per notifier of a
 * receiver, with pacing, per-attempt timeout, retries and dead letters. Notifiers stay one HTTP
 * call each; everything about "when" and "again" lives here.
 *
 * <pre>
 * NotificationDelivery delivery = NotificationDelivery.builder(listener).stats(stats).build();
 * Destination oncallSlack = delivery.destination("oncall", slackNotifier);
 * oncallSlack.submit(group);   // returns at once
 * delivery.close();
 * </pre>
 */
public final class NotificationDelivery implements AutoCloseable {

  private final RetryPolicy policy;
  private final TimeSource time;
  private final DoubleSupplier random;
  private final NotifyStats stats;
  private final DeliveryListener listener;
  private final ExecutorService attempts;
  private final List<Destination> destinations = new CopyOnWriteArrayList<>();

  private NotificationDelivery(Builder b) {
    this.policy = b.policy;
    this.time = b.time;
    this.random = b.random;
    this.stats = b.stats;
    this.listener = b.listener;
    AtomicInteger n = new AtomicInteger();
    this.attempts = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "klaxon-notify-attempt-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public static Builder builder(DeliveryListener listener) {
    return new Builder(listener);
  }

  /** A destination paced by its integration's default ({@link Pacing#forIntegration}). */
  public Destination destination(String receiver, Notifier notifier) {
    return destination(receiver, notifier, Pacing.forIntegration(notifier.type()));
  }

  public Destination destination(String receiver, Notifier notifier, Pacing pacing) {
    Destination destination = new Destination(receiver, notifier, pacing, policy, new Backoff(policy, random), time, stats, listener, attempts);
    destinations.add(destination);
    destination.start();
    return destination;
  }

  /** Stops every worker; what is still queued is not sent (the notification log still has it as pending). */
  @Override
  public void close() {
    destinations.forEach(Destination::close);
    try {
      for (Destination d : destinations) {
        d.awaitTermination(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    attempts.shutdownNow();
  }

  public static final class Builder {
    private final DeliveryListener listener;
    private RetryPolicy policy = RetryPolicy.defaults();
    private TimeSource time = TimeSource.system();
    private DoubleSupplier random = new Random()::nextDouble;
    private NotifyStats stats = NotifyStats.NONE;

    private Builder(DeliveryListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Builder policy(RetryPolicy policy) {
      this.policy = Objects.requireNonNull(policy);
      return this;
    }

    public Builder stats(NotifyStats stats) {
      this.stats = Objects.requireNonNull(stats);
      return this;
    }

    /** Virtual time for tests: backoffs and pacing then take no real time. */
    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time);
      return this;
    }

    /** Source of jitter in [0, 1); tests pass a constant. */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    public NotificationDelivery build() {
      return new NotificationDelivery(this);
    }
  }
}

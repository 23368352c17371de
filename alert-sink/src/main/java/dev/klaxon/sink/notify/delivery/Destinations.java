package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.ReceiverNotifiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The sink's {@link Outbox}: one {@link Destination} (queue + worker) per receiver entry, all with
 * the same retry policy, time, counters and dead-letter writer, and one pool their attempts run on.
 * Notifiers stay one HTTP call each; everything about "when" and "again" lives here.
 *
 * <pre>
 * Destinations outbox = Destinations.builder(deadLetters).stats(stats).build().startAll(notifiers);
 * outbox.submit("slack[0]", group, outcome);   // returns at once
 * outbox.close();
 * </pre>
 */
public final class Destinations implements Outbox {

  private final RetryPolicy policy;
  private final TimeSource time;
  private final DoubleSupplier random;
  private final NotifyStats stats;
  private final Consumer<DeadLetter> deadLetters;
  private final ExecutorService attempts;
  /** By receiver, then entry name, in the order they were started. */
  private final Map<String, Map<String, Destination>> byReceiver = new LinkedHashMap<>();
  private final List<Destination> started = new ArrayList<>();

  private Destinations(Builder b) {
    this.policy = b.policy;
    this.time = b.time;
    this.random = b.random;
    this.stats = b.stats;
    this.deadLetters = b.deadLetters;
    AtomicInteger n = new AtomicInteger();
    this.attempts = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "klaxon-notify-attempt-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** @param deadLetters writes a dead letter durably (the {@code klaxon.deadletter} producer); may throw */
  public static Builder builder(Consumer<DeadLetter> deadLetters) {
    return new Builder(deadLetters);
  }

  /** Starts a destination for every entry of every receiver. */
  public Destinations startAll(ReceiverNotifiers notifiers) {
    for (String receiver : notifiers.receivers()) {
      notifiers.of(receiver).forEach(entry -> start(receiver, entry.name(), entry.notifier()));
    }
    return this;
  }

  /**
   * Starts the destination of one entry, paced by its integration's default ({@link Pacing#forIntegration}).
   *
   * @param integration the entry's name, e.g. {@code slack[0]}
   */
  public synchronized Destination start(String receiver, String integration, Notifier notifier) {
    Destination destination = new Destination(receiver, integration, notifier, Pacing.forIntegration(notifier.type()),
        policy, new Backoff(policy, random), time, stats, deadLetters, attempts);
    byReceiver.computeIfAbsent(receiver, r -> new LinkedHashMap<>()).put(integration, destination);
    started.add(destination);
    destination.start();
    return destination;
  }

  @Override
  public synchronized List<String> integrations(String receiver) {
    return List.copyOf(byReceiver.getOrDefault(receiver, Map.of()).keySet());
  }

  @Override
  public void submit(String integration, AlertGroup group, Consumer<Outcome> outcome) {
    Destination destination;
    synchronized (this) {
      destination = byReceiver.getOrDefault(group.receiver(), Map.of()).get(integration);
    }
    if (destination == null) {
      outcome.accept(new Outcome.Failed(group.receiver() + "/" + integration + ": no such entry"));
      return;
    }
    destination.submit(group, outcome);
  }

  /** Stops every worker; what is still queued is not sent (the notification log still has it as pending). */
  @Override
  public void close() {
    List<Destination> all;
    synchronized (this) {
      all = List.copyOf(started);
    }
    all.forEach(Destination::close);
    try {
      for (Destination d : all) {
        d.awaitTermination(Duration.ofSeconds(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    attempts.shutdownNow();
  }

  public static final class Builder {
    private final Consumer<DeadLetter> deadLetters;
    private RetryPolicy policy = RetryPolicy.defaults();
    private TimeSource time = TimeSource.system();
    private DoubleSupplier random = new Random()::nextDouble;
    private NotifyStats stats = NotifyStats.NONE;

    private Builder(Consumer<DeadLetter> deadLetters) {
      this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
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

    public Destinations build() {
      return new Destinations(this);
    }
  }
}

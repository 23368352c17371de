package dev.klaxon.sink.pipeline;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import dev.klaxon.sink.notify.delivery.DeliveryListener;
import dev.klaxon.sink.notify.delivery.Destination;
import dev.klaxon.sink.notify.delivery.NotificationDelivery;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import dev.klaxon.sink.notify.delivery.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between the pipeline and the delivery stage: one receiver integration's
 * {@link Destination} (own queue and worker, pacing, coalescing, retries with backoff and
 * Retry-After, per-attempt timeout), whose {@link DeliveryListener} callbacks become the
 * {@link Outcome}s the pipeline waits for. A dead letter is written before its outcome is reported.
 *
 * <p>Each outbox has its own {@link NotificationDelivery} because delivery's callbacks name the
 * integration by type only, and one receiver may have two entries of a type ({@code slack[0]},
 * {@code slack[1]}).
 */
public final class DestinationOutbox implements Outbox, DeliveryListener {

  /** Writes a dead letter durably (the {@code klaxon.deadletter} producer); may throw. */
  @FunctionalInterface
  public interface DeadLetters {
    void write(String integration, DeadLetter letter);
  }

  private record Waiter(AlertGroup submitted, Consumer<Outcome> outcome) {}

  private static final Logger log = LoggerFactory.getLogger(DestinationOutbox.class);

  private final String integration;
  private final DeadLetters deadLetters;
  private final NotificationDelivery delivery;
  private final Destination destination;
  /** By group key, oldest first: what was submitted and not yet settled. */
  private final Map<String, Deque<Waiter>> waiting = new HashMap<>();

  /**
   * @param receiver the receiver's name
   * @param integration the entry's name, e.g. {@code slack[0]} (notification log, dead-letter header)
   */
  public DestinationOutbox(String receiver, String integration, Notifier notifier, RetryPolicy policy,
      TimeSource time, NotifyStats stats, DeadLetters deadLetters) {
    this.integration = integration;
    this.deadLetters = deadLetters;
    this.delivery = NotificationDelivery.builder(this).policy(policy).time(time).stats(stats).build();
    this.destination = delivery.destination(receiver, notifier);
  }

  @Override
  public void submit(AlertGroup group, Consumer<Outcome> outcome) {
    synchronized (waiting) {
      waiting.computeIfAbsent(group.groupKey(), k -> new ArrayDeque<>()).addLast(new Waiter(group, outcome));
    }
    try {
      destination.submit(group);
    } catch (IllegalStateException closed) {
      settle(group, new Outcome.Failed(integration + ": the sink is stopping"));
    }
  }

  @Override
  public void delivered(String receiver, String type, AlertGroup group) {
    settle(group, new Outcome.Delivered(group));
  }

  @Override
  public void deadLettered(DeadLetter letter) {
    try {
      deadLetters.write(integration, letter);
    } catch (RuntimeException e) {
      // The outcome must still be reported, or the group would wait forever; the next flush tries again.
      log.error("{}/{}: cannot write the dead letter of group {}: {}", letter.receiver(), integration,
          letter.group().groupKey(), e.getMessage());
    }
    settle(letter.group(), new Outcome.Failed(letter.reason()));
  }

  /**
   * Settles everyone who submitted {@code settled} or an older state of its group: coalescing in the
   * destination may have replaced theirs with it. Later submissions wait for their own outcome.
   */
  private void settle(AlertGroup settled, Outcome outcome) {
    List<Waiter> done = new ArrayList<>();
    synchronized (waiting) {
      Deque<Waiter> queue = waiting.get(settled.groupKey());
      if (queue == null || queue.stream().noneMatch(w -> w.submitted() == settled)) {
        return; // settled already
      }
      Waiter next;
      do {
        next = queue.pollFirst();
        done.add(next);
      } while (next.submitted() != settled);
      if (queue.isEmpty()) {
        waiting.remove(settled.groupKey());
      }
    }
    done.forEach(w -> w.outcome().accept(outcome));
  }

  /** Stops the worker; what is still queued is not sent and stays pending in the notification log. */
  @Override
  public void close() {
    delivery.close();
  }
}

package dev.klaxon.sink.pipeline;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import dev.klaxon.sink.notify.delivery.DeliveryListener;
import dev.klaxon.sink.notify.delivery.Destination;
import dev.klaxon.sink.notify.delivery.NotificationDelivery;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The delivery stage as the pipeline sees it: a notifier whose {@code notify} returns once the
 * provider accepted the group, after the pacing, retries, backoff and Retry-After of a
 * {@link Destination}, and throws once delivery gave up (the group is then dead-lettered). The
 * pipeline runs each integration on its own thread, so waiting here holds up only this integration,
 * and it writes the notification log only after a successful return.
 */
public final class DeliveringNotifier implements Notifier, AutoCloseable {

  private final String type;
  private final NotificationDelivery delivery;
  private final Destination destination;
  private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

  private DeliveringNotifier(String receiver, Notifier notifier, RetryPolicy policy, NotifyStats stats,
      Consumer<DeadLetter> deadLetters) {
    this.type = notifier.type();
    this.delivery = NotificationDelivery.builder(new DeliveryListener() {
      @Override
      public void deadLettered(DeadLetter letter) {
        deadLetters.accept(letter);
        complete(letter.group().groupKey(), letter);
      }

      @Override
      public void delivered(String to, String integration, AlertGroup group) {
        complete(group.groupKey(), null);
      }
    }).policy(policy).stats(stats).build();
    this.destination = delivery.destination(receiver, notifier);
  }

  /** A stage for {@link ReceiverNotifiers#build}: every notifier gets its own destination. */
  public static DeliveringNotifier wrap(String receiver, Notifier notifier, RetryPolicy policy, NotifyStats stats,
      Consumer<DeadLetter> deadLetters) {
    return new DeliveringNotifier(receiver, notifier, policy, stats, deadLetters);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public void notify(AlertGroup group) throws NotifyException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.put(group.groupKey(), done);
    try {
      destination.submit(group);
      done.get();
    } catch (ExecutionException gaveUp) {
      throw NotifyException.permanent(gaveUp.getCause().getMessage(), null);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      throw NotifyException.retryable(type + ": the sink is stopping", null, null);
    } finally {
      pending.remove(group.groupKey(), done);
    }
  }

  private void complete(String groupKey, DeadLetter failure) {
    CompletableFuture<Void> done = pending.get(groupKey);
    if (done == null) {
      return;
    }
    if (failure == null) {
      done.complete(null);
    } else {
      done.completeExceptionally(new IllegalStateException("dead-lettered: " + failure.reason()));
    }
  }

  @Override
  public void close() {
    delivery.close();
  }
}

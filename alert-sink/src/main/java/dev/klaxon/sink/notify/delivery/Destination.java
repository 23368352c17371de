package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.NotifyStats;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One notifier of one receiver with its own queue and worker thread, so a slow or failing
 * destination only ever delays itself. The worker takes the oldest pending group, waits for its
 * pacing, tries it with a per-attempt timeout, retries retryable failures with backoff (or the
 * provider's Retry-After) and hands permanent failures and spent budgets to the dead letter.
 */
public final class Destination {

  private static final System.Logger LOG = System.getLogger(Destination.class.getName());

  private final String receiver;
  private final Notifier notifier;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final Pacer pacer;
  private final TimeSource time;
  private final NotifyStats stats;
  private final DeliveryListener listener;
  private final ExecutorService attempts;
  private final CoalescingQueue queue = new CoalescingQueue();
  private final Thread worker;
  private volatile boolean closed;

  Destination(String receiver, Notifier notifier, Pacing pacing, RetryPolicy policy, Backoff backoff, TimeSource time,
      NotifyStats stats, DeliveryListener listener, ExecutorService attempts) {
    this.receiver = receiver;
    this.notifier = notifier;
    this.policy = policy;
    this.backoff = backoff;
    this.pacer = new Pacer(pacing, time);
    this.time = time;
    this.stats = stats;
    this.listener = listener;
    this.attempts = attempts;
    this.worker = new Thread(this::work, "klaxon-notify-" + receiver + "-" + notifier.type());
    this.worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  public String receiver() {
    return receiver;
  }

  public String integration() {
    return notifier.type();
  }

  /** Queues the group's current state; returns at once. A queued older state of the same group is replaced. */
  public void submit(AlertGroup group) {
    if (closed) {
      throw new IllegalStateException("delivery to " + receiver + " is closed");
    }
    if (queue.offer(group)) {
      stats.coalesced(receiver, integration());
    }
  }

  /** Groups waiting, not counting the one being delivered. */
  public int queued() {
    return queue.size();
  }

  void close() {
    closed = true;
    worker.interrupt();
  }

  void awaitTermination(Duration timeout) throws InterruptedException {
    worker.join(Math.max(1, timeout.toMillis()));
  }

  private void work() {
    try {
      while (!closed) {
        deliver(queue.take());
      }
    } catch (InterruptedException e) {
      // closed: what is still queued stays in the notification log as pending and is sent after restart
    }
  }

  private void deliver(AlertGroup next) throws InterruptedException {
    AlertGroup group = next;
    for (int attempt = 1; ; attempt++) {
      pacer.awaitPermit();
      group = newest(group); // an update that arrived during pacing or backoff replaces what we were about to send
      try {
        attempt(group);
        stats.sent(receiver, integration());
        AlertGroup delivered = group;
        tell(() -> listener.delivered(receiver, integration(), delivered));
        return;
      } catch (NotifyException e) {
        stats.failed(receiver, integration());
        if (!e.retryable()) {
          deadLetter(group, "permanent failure: " + e.getMessage(), true, attempt);
          return;
        }
        if (attempt >= policy.maxAttempts()) {
          deadLetter(group, "gave up after " + attempt + " attempts: " + e.getMessage(), false, attempt);
          return;
        }
        int failures = attempt;
        Duration wait = e.retryAfter().map(backoff::retryAfter).orElseGet(() -> backoff.afterFailure(failures));
        stats.retried(receiver, integration());
        LOG.log(System.Logger.Level.WARNING, "{0}/{1}: attempt {2} of {3} failed ({4}); retrying in {5} ms",
            receiver, integration(), attempt, policy.maxAttempts(), e.getMessage(), wait.toMillis());
        time.sleep(wait);
      }
    }
  }

  private AlertGroup newest(AlertGroup group) {
    var newer = queue.takeNewer(group.groupKey());
    if (newer.isPresent()) {
      stats.coalesced(receiver, integration());
      return newer.get();
    }
    return group;
  }

  /** Runs one attempt on the shared pool so a hanging request can be abandoned after the per-attempt timeout. */
  private void attempt(AlertGroup group) throws NotifyException, InterruptedException {
    Future<?> call = attempts.submit(() -> {
      notifier.notify(group);
      return null;
    });
    try {
      call.get(policy.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true); // interrupts the HTTP request
      throw NotifyException.retryable(integration() + ": no answer within " + policy.attemptTimeout().toMillis() + " ms", null, null);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotifyException failure) {
        throw failure;
      }
      // A bug in a notifier, not the provider's answer: trying again will not help. Only the class
      // name is kept; an unexpected exception's message is not known to be free of secrets.
      throw NotifyException.permanent(integration() + ": notifier failed with " + e.getCause().getClass().getName(), null);
    }
  }

  private void deadLetter(AlertGroup group, String reason, boolean permanent, int attempts) {
    stats.deadLettered(receiver, integration());
    LOG.log(System.Logger.Level.ERROR, "{0}/{1}: giving up on group {2}: {3}", receiver, integration(), group.groupKey(), reason);
    DeadLetter letter = new DeadLetter(receiver, integration(), group, reason, permanent, attempts, time.now());
    tell(() -> listener.deadLettered(letter));
  }

  /** A failing listener must not kill the worker, or the destination would stop for good. */
  private void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "{0}/{1}: delivery listener failed", receiver, integration(), e);
    }
  }
}

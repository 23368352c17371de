package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.delivery.Outbox.Outcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One entry of one receiver ({@code oncall/slack[0]}) with its own queue and worker thread, so a
 * slow or failing destination only ever delays itself. The worker takes the oldest pending group,
 * waits for its pacing, tries it with a per-attempt timeout, retries retryable failures with backoff
 * (or the provider's Retry-After) and writes permanent failures and spent budgets as dead letters.
 * Every submitter hears how its group ended; a dead letter is written before that is reported.
 */
public final class Destination {

  private record Waiter(AlertGroup submitted, Consumer<Outcome> outcome) {}

  private static final Logger log = LoggerFactory.getLogger(Destination.class);

  private final String receiver;
  private final String integration;
  private final Notifier notifier;
  private final RetryPolicy policy;
  private final Backoff backoff;
  private final Pacer pacer;
  private final TimeSource time;
  private final NotifyStats stats;
  private final Consumer<DeadLetter> deadLetters;
  private final ExecutorService attempts;
  private final CoalescingQueue queue = new CoalescingQueue();
  /** By group key, oldest first: what was submitted and not yet settled. */
  private final Map<String, Deque<Waiter>> waiting = new HashMap<>();
  private final Thread worker;
  private volatile boolean closed;

  Destination(String receiver, String integration, Notifier notifier, Pacing pacing, RetryPolicy policy,
      Backoff backoff, TimeSource time, NotifyStats stats, Consumer<DeadLetter> deadLetters,
      ExecutorService attempts) {
    this.receiver = receiver;
    this.integration = integration;
    this.notifier = notifier;
    this.policy = policy;
    this.backoff = backoff;
    this.pacer = new Pacer(pacing, time);
    this.time = time;
    this.stats = stats;
    this.deadLetters = deadLetters;
    this.attempts = attempts;
    this.worker = new Thread(this::work, "klaxon-notify-" + receiver + "-" + integration);
    this.worker.setDaemon(true);
  }

  void start() {
    worker.start();
  }

  public String receiver() {
    return receiver;
  }

  /** The entry's name, e.g. {@code slack[0]}. */
  public String integration() {
    return integration;
  }

  /**
   * Queues the group's current state and returns at once; a queued older state of the same group is
   * replaced, and its submitter hears the outcome of the state that replaced it. {@code outcome} is
   * called exactly once unless the sink stops first.
   */
  public void submit(AlertGroup group, Consumer<Outcome> outcome) {
    synchronized (waiting) {
      waiting.computeIfAbsent(group.groupKey(), k -> new ArrayDeque<>()).addLast(new Waiter(group, outcome));
    }
    if (closed) {
      settle(group, new Outcome.Failed(integration + ": the sink is stopping"));
      return;
    }
    if (queue.offer(group)) {
      stats.coalesced(receiver, type());
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

  /** The integration type ({@code slack}): metrics are tagged with it, as in Alertmanager. */
  private String type() {
    return notifier.type();
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
        stats.sent(receiver, type());
        settle(group, new Outcome.Delivered(group));
        return;
      } catch (NotifyException e) {
        stats.failed(receiver, type());
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
        stats.retried(receiver, type());
        log.warn("{}/{}: attempt {} of {} failed ({}); retrying in {} ms",
            receiver, integration, attempt, policy.maxAttempts(), e.getMessage(), wait.toMillis());
        time.sleep(wait);
      }
    }
  }

  private AlertGroup newest(AlertGroup group) {
    var newer = queue.takeNewer(group.groupKey());
    if (newer.isPresent()) {
      stats.coalesced(receiver, type());
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
      throw NotifyException.retryable(type() + ": no answer within " + policy.attemptTimeout().toMillis() + " ms", null, null);
    } catch (InterruptedException e) {
      call.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotifyException failure) {
        throw failure;
      }
      // A bug in a notifier, not the provider's answer: trying again will not help. Only the class
      // name is kept; an unexpected exception's message is not known to be free of secrets.
      throw NotifyException.permanent(type() + ": notifier failed with " + e.getCause().getClass().getName(), null);
    }
  }

  private void deadLetter(AlertGroup group, String reason, boolean permanent, int attempts) {
    stats.deadLettered(receiver, type());
    log.error("{}/{}: giving up on group {}: {}", receiver, integration, group.groupKey(), reason);
    try {
      deadLetters.accept(new DeadLetter(receiver, integration, group, reason, permanent, attempts, time.now()));
    } catch (RuntimeException e) {
      // The outcome must still be reported, or the group would wait forever; the next flush tries again.
      log.error("{}/{}: cannot write the dead letter of group {}: {}", receiver, integration, group.groupKey(),
          e.getMessage());
    }
    settle(group, new Outcome.Failed(reason));
  }

  /**
   * Settles everyone who submitted {@code settled} or an older state of its group: coalescing may
   * have replaced theirs with it. Later submissions wait for their own outcome. A failing submitter
   * must not kill the worker, or the destination would stop for good.
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
    for (Waiter waiter : done) {
      try {
        waiter.outcome().accept(outcome);
      } catch (RuntimeException e) {
        log.error("{}/{}: reporting the outcome of group {} failed", receiver, integration, settled.groupKey(), e);
      }
    }
  }
}

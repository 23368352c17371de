package dev.klaxon.emitter.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.specific.SpecificRecord;

/**
 * Accepted events until they are settled (delivered or dropped): those waiting in the queue and
 * those the transport holds in flight. {@code capacity} bounds both together, so the memory held
 * for a slow or absent destination is bounded whatever the transport buffers.
 *
 * <p>One lock guards everything; callers of {@link #offer} hold it only to append, never while
 * anything waits on the network.
 */
public final class Backlog {

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition queueChanged = lock.newCondition();
  private final Condition settlementChanged = lock.newCondition();
  private final ArrayDeque<Pending> queued = new ArrayDeque<>();
  private final List<FlushWaiter> waiters = new ArrayList<>();

  private long lastSeq;
  private long unsettled;
  /** Events up to this number are wanted now: the sender skips its linger for them. */
  private long hurryThrough;
  /** Size the waiting sender needs before it stops lingering; 0 when it is not waiting. */
  private int senderWants;
  private boolean closed;

  public Backlog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Outcome of {@link #offer}: the acceptance number, or why not. */
  public enum Refusal { NONE, FULL, CLOSED }

  /** Appends {@code event} unless the backlog is full or closed; never waits. */
  public Refusal offer(SpecificRecord event) {
    lock.lock();
    try {
      if (closed) {
        return Refusal.CLOSED;
      }
      if (unsettled >= capacity) {
        return Refusal.FULL;
      }
      queued.addLast(new Pending(++lastSeq, event));
      unsettled++;
      if (senderWants > 0 && queued.size() >= senderWants) {
        queueChanged.signal();
      }
      return Refusal.NONE;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for at least one queued event, then up to {@code lingerNanos} for {@code maxSize} of
   * them, unless they are wanted now (flush, close). Returns an empty list once closed and empty.
   */
  public List<Pending> nextBatch(int maxSize, long lingerNanos) throws InterruptedException {
    lock.lock();
    try {
      while (queued.isEmpty()) {
        if (closed) {
          return List.of();
        }
        senderWants = 1;
        queueChanged.await();
      }
      long deadline = System.nanoTime() + lingerNanos;
      senderWants = maxSize;
      while (!queued.isEmpty() && queued.size() < maxSize && !closed
          && queued.peekFirst().seq() > hurryThrough) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        queueChanged.awaitNanos(left);
      }
      senderWants = 0;
      List<Pending> batch = new ArrayList<>(Math.min(maxSize, queued.size()));
      while (batch.size() < maxSize && !queued.isEmpty()) {
        batch.add(queued.pollFirst());
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Marks {@code events} delivered or dropped, freeing their room and waking flushes they complete. */
  public void settle(List<Pending> events) {
    if (events.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      unsettled -= events.size();
      if (waiters.isEmpty()) {
        return;
      }
      boolean completed = false;
      for (FlushWaiter waiter : waiters) {
        for (Pending event : events) {
          if (event.seq() <= waiter.through && --waiter.remaining == 0) {
            completed = true;
          }
        }
      }
      if (completed) {
        settlementChanged.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every event accepted before this call is settled. Returns whether they were
   * within {@code timeoutNanos}.
   */
  public boolean awaitSettled(long timeoutNanos) throws InterruptedException {
    lock.lock();
    try {
      if (unsettled == 0) {
        return true;
      }
      // Every unsettled event was accepted before now, so all of them are the ones to wait for.
      FlushWaiter waiter = new FlushWaiter(lastSeq, unsettled);
      hurry(lastSeq);
      waiters.add(waiter);
      try {
        long left = timeoutNanos;
        while (waiter.remaining > 0) {
          if (left <= 0) {
            return false;
          }
          left = settlementChanged.awaitNanos(left);
        }
        return true;
      } finally {
        waiters.remove(waiter);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Refuses further offers and lets the sender send what is queued without lingering. */
  public void close() {
    lock.lock();
    try {
      closed = true;
      hurry(Long.MAX_VALUE);
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns whatever is still queued (not in flight), for dropping at close. */
  public List<Pending> drainQueued() {
    lock.lock();
    try {
      List<Pending> rest = new ArrayList<>(queued);
      queued.clear();
      return rest;
    } finally {
      lock.unlock();
    }
  }

  /** Accepted events neither delivered nor dropped yet. */
  public long unsettled() {
    lock.lock();
    try {
      return unsettled;
    } finally {
      lock.unlock();
    }
  }

  public int capacity() {
    return capacity;
  }

  private void hurry(long through) {
    hurryThrough = Math.max(hurryThrough, through);
    queueChanged.signalAll();
  }

  /** A flush: events accepted up to {@code through}, and how many of them are unsettled. */
  private static final class FlushWaiter {
    final long through;
    long remaining;

    FlushWaiter(long through, long remaining) {
      this.through = through;
      this.remaining = remaining;
    }
  }
}

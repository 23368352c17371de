package dev.klaxon.gateway.internal;

import java.util.function.LongSupplier;

/**
 * Events-per-second limit of one API key. A batch is admitted while the bucket holds enough tokens
 * for it, or is full; it then takes all its tokens, possibly leaving a debt. So a batch larger than
 * the bucket is admitted now and then rather than refused forever, and the average rate still holds.
 */
final class TokenBucket {

  private final double perNano;
  private final double capacity;
  private final LongSupplier nanoClock;
  private double tokens;
  private long refilledAt;

  TokenBucket(double eventsPerSecond, double capacity, LongSupplier nanoClock) {
    if (eventsPerSecond <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("rate and capacity must be > 0");
    }
    this.perNano = eventsPerSecond / 1e9;
    this.capacity = capacity;
    this.nanoClock = nanoClock;
    this.tokens = capacity;
    this.refilledAt = nanoClock.getAsLong();
  }

  /** Takes {@code events} tokens and returns 0, or returns the nanoseconds until they could be taken. */
  synchronized long tryTake(int events) {
    refill();
    double needed = Math.min(events, capacity);
    if (tokens >= needed) {
      tokens -= events;
      return 0;
    }
    return nanosUntil(needed);
  }

  /** Nanoseconds until even one event could be admitted; 0 when it could be now. */
  synchronized long waitForAny() {
    refill();
    double needed = Math.min(1, capacity);
    return tokens >= needed ? 0 : nanosUntil(needed);
  }

  /** Gives back tokens of a batch that was taken but not delivered, so the client's retry is not throttled. */
  synchronized void refund(int events) {
    tokens = Math.min(capacity, tokens + events);
  }

  private long nanosUntil(double needed) {
    return (long) Math.ceil((needed - tokens) / perNano);
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
    refilledAt = now;
  }
}

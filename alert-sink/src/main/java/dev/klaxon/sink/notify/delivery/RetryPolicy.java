package dev.klaxon.sink.notify.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard delivery tries.
 *
 * @param attemptTimeout how long one attempt may take (real time) before it counts as a retryable timeout
 * @param maxAttempts the retry budget: attempts in all, the first one included
 * @param initialBackoff cap of the first backoff; each further one doubles, up to {@code maxBackoff}
 * @param maxBackoff cap of any backoff
 * @param maxRetryAfter the longest Retry-After honoured as given; longer answers wait this long
 */
public record RetryPolicy(Duration attemptTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public RetryPolicy {
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException("attemptTimeout must be positive");
    }
  }

  /** 10 s per attempt, 8 attempts, backoff 1 s doubling to 1 min (about 4 min of trying), Retry-After up to 5 min. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(10), 8, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5));
  }

  public RetryPolicy withAttemptTimeout(Duration timeout) {
    return new RetryPolicy(timeout, maxAttempts, initialBackoff, maxBackoff, maxRetryAfter);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attemptTimeout, attempts, initialBackoff, maxBackoff, maxRetryAfter);
  }
}

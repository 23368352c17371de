package dev.klaxon.sink.notify.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: a uniformly random wait between zero and
 * {@code min(maxBackoff, initialBackoff * 2^(failures-1))}, so many destinations failing at once
 * do not all retry in step.
 */
final class Backoff {

  private final RetryPolicy policy;
  private final DoubleSupplier random; // [0, 1)

  Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.policy = policy;
    this.random = random;
  }

  Duration afterFailure(int failures) {
    long cap = policy.maxBackoff().toMillis();
    long ceiling = policy.initialBackoff().toMillis();
    for (int i = 1; i < failures && ceiling < cap; i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, cap);
    return Duration.ofMillis(Math.round(random.getAsDouble() * ceiling));
  }

  /** What the provider asked for, within the policy's limit. */
  Duration retryAfter(Duration asked) {
    return asked.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : asked;
  }
}

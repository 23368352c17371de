package dev.klaxon.sink.notify;

import java.time.Duration;
import java.util.Optional;

/** A failed delivery. Its message must never contain a secret (URL, routing key). */
public final class NotifyException extends Exception {

  private final boolean retryable;
  private final Duration retryAfter;

  private NotifyException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.retryAfter = retryAfter;
  }

  /** Network error, timeout, 5xx or 429: trying again may work. */
  public static NotifyException retryable(String message, Duration retryAfter, Throwable cause) {
    return new NotifyException(message, true, retryAfter, cause);
  }

  /** Any other 4xx, or a message the provider refuses: trying again will not help. */
  public static NotifyException permanent(String message, Throwable cause) {
    return new NotifyException(message, false, null, cause);
  }

  public boolean retryable() {
    return retryable;
  }

  /** How long the provider asked us to wait (Retry-After, Discord's retry_after), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}

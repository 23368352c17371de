package dev.klaxon.emitter.internal;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between attempts: exponential backoff with jitter, or the server's {@code Retry-After}
 * when it sends one. Jitter keeps many emitters that failed together from retrying in lockstep.
 */
public final class RetryDelays {

  private final Duration initial;
  private final Duration max;
  private final Clock clock;

  public RetryDelays(Duration initial, Duration max, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  /**
   * Delay before attempt {@code failures + 1}: {@code initial × 2^(failures-1)}, at most {@code max},
   * then a random value between half of it and all of it ("equal jitter").
   */
  public Duration backoff(int failures) {
    long cap = max.toMillis();
    long exponential = initial.toMillis() << Math.min(failures - 1, 30);
    long base = Math.max(1, exponential <= 0 ? cap : Math.min(cap, exponential));
    long half = base / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date; empty when absent or unreadable. */
  public Optional<Duration> retryAfter(HttpHeaders headers) {
    return headers.firstValue("Retry-After").map(String::trim).flatMap(this::parse);
  }

  private Optional<Duration> parse(String value) {
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration delay = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

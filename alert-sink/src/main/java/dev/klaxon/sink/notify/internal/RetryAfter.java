package dev.klaxon.sink.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How long a provider asked us to wait: the Retry-After header, or Discord's {@code retry_after} body field. */
public final class RetryAfter {

  private RetryAfter() {}

  /** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
  public static Optional<Duration> fromHeader(String header, Clock clock) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.strip();
    try {
      return Optional.of(nonNegative(Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Optional.of(nonNegative(Duration.between(clock.instant(), at.toInstant())));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** Discord answers 429 with {@code {"retry_after": 1.234, ...}} in seconds, more precise than its header. */
  public static Optional<Duration> fromBody(String body) {
    if (body == null || !body.stripLeading().startsWith("{")) {
      return Optional.empty();
    }
    try {
      JsonNode retryAfter = Json.MAPPER.readTree(body).get("retry_after");
      if (retryAfter == null || !retryAfter.isNumber()) {
        return Optional.empty();
      }
      return Optional.of(nonNegative(Duration.ofMillis(Math.round(retryAfter.doubleValue() * 1000))));
    } catch (Exception malformed) {
      return Optional.empty();
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}

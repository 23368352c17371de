package dev.klaxon.replay;

import dev.klaxon.schemas.config.Durations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A point in time as people type it for a post-mortem: {@code now}, relative to now ({@code -2h},
 * {@code -30m}, {@code -1h30m}, any duration {@link Durations} reads), or ISO-8601 with a zone
 * ({@code 2026-11-30T14:05:00Z}, {@code 2026-11-30T15:05+01:00}). A time without a zone is refused
 * rather than guessed: a post-mortem read in the wrong zone is off by hours.
 */
public final class TimeArgument {

  private TimeArgument() {}

  /** @throws IllegalArgumentException naming the accepted forms */
  public static Instant parse(String text, Instant now) {
    String value = text == null ? "" : text.strip();
    if (value.equalsIgnoreCase("now")) {
      return now;
    }
    if (value.startsWith("-") || value.startsWith("+")) {
      try {
        var offset = Durations.parse(value.substring(1));
        return value.startsWith("-") ? now.minus(offset) : now.plus(offset);
      } catch (IllegalArgumentException e) {
        throw invalid(text);
      }
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      // OffsetDateTime needs seconds or minutes; Instant also takes the Z form with fractions.
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not a time: use now, a duration before now such as -2h or"
        + " -30m, or ISO-8601 with a zone such as 2026-11-30T14:05:00Z");
  }
}

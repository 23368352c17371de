package dev.klaxon.schemas.config;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in config and on the command line: 500ms, 10s, 2m, 1h, 1d (or ISO PT10S). */
public final class Durations {

  private Durations() {}

  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      switch (value.charAt(value.length() - 1)) {
        case 's': return Duration.ofSeconds(amount);
        case 'm': return Duration.ofMinutes(amount);
        case 'h': return Duration.ofHours(amount);
        case 'd': return Duration.ofDays(amount);
        default: break;
      }
    } catch (RuntimeException e) {
      // fall through to the one message below
    }
    throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 500ms, 10s, 2m, 1h");
  }

  /** The shortest of those forms that states {@code duration} exactly, e.g. 1h, 90s, 250ms. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}

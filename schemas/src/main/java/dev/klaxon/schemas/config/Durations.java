package dev.klaxon.schemas.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of Klaxon's config files, command lines and messages: Prometheus's
 * ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h30m}, {@code 1d}, {@code 1w}, {@code 1y}), so
 * a rule or route copied from Prometheus or Alertmanager reads the same here, or ISO-8601
 * ({@code PT10S}).
 */
public final class Durations {

  private static final Pattern PROMETHEUS = Pattern.compile(
      "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};

  private Durations() {}

  /** @throws IllegalArgumentException saying what is accepted, e.g. for {@code 5 minutes} */
  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.startsWith("P") || value.startsWith("p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw notADuration(text);
      }
    }
    Matcher matcher = PROMETHEUS.matcher(value);
    if (value.isEmpty() || !matcher.matches()) {
      throw notADuration(text);
    }
    try {
      long millis = 0;
      for (int i = 0; i < UNIT_MILLIS.length; i++) {
        if (matcher.group(i + 1) != null) {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(matcher.group(i + 1)), UNIT_MILLIS[i]));
        }
      }
      return Duration.ofMillis(millis);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
  }

  /** The shortest form {@link #parse} reads back, e.g. {@code 1h30m}, {@code 90s} as {@code 1m30s}; {@code 0s} for zero. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder(millis < 0 ? "-" : "");
    millis = Math.abs(millis);
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      if (millis >= UNIT_MILLIS[i]) {
        out.append(millis / UNIT_MILLIS[i]).append(UNITS[i]);
        millis %= UNIT_MILLIS[i];
      }
    }
    return out.toString();
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 500ms, 10s, 2m, 1h30m, 1d");
  }
}

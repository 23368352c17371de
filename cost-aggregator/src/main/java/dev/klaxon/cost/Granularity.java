package dev.klaxon.cost;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The spend window sizes, all in UTC. Minute, hour and day are fixed lengths (UTC has no DST);
 * a month is a calendar month, 28 to 31 days, so its end is computed on the calendar, never as a
 * fixed number of milliseconds.
 */
public enum Granularity {
  MINUTE, HOUR, DAY, MONTH;

  private static final long MINUTE_MS = 60_000L;
  private static final long HOUR_MS = 60 * MINUTE_MS;
  private static final long DAY_MS = 24 * HOUR_MS;

  /** Start (epoch ms, inclusive) of the window of this size holding {@code timestampMs}. */
  public long startOf(long timestampMs) {
    return switch (this) {
      case MINUTE -> Math.floorDiv(timestampMs, MINUTE_MS) * MINUTE_MS;
      case HOUR -> Math.floorDiv(timestampMs, HOUR_MS) * HOUR_MS;
      case DAY -> Math.floorDiv(timestampMs, DAY_MS) * DAY_MS;
      case MONTH -> LocalDate.ofInstant(Instant.ofEpochMilli(timestampMs), ZoneOffset.UTC).withDayOfMonth(1)
          .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    };
  }

  /** End (epoch ms, exclusive) of the window starting at {@code startMs}. */
  public long endOf(long startMs) {
    return switch (this) {
      case MINUTE -> startMs + MINUTE_MS;
      case HOUR -> startMs + HOUR_MS;
      case DAY -> startMs + DAY_MS;
      case MONTH -> Instant.ofEpochMilli(startMs).atZone(ZoneOffset.UTC).plus(1, ChronoUnit.MONTHS)
          .toInstant().toEpochMilli();
    };
  }

  /** The name used in records and keys: {@code minute}, {@code hour}, {@code day}, {@code month}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The granularity of a {@link #label()}; throws IllegalArgumentException for any other name. */
  public static Granularity ofLabel(String label) {
    for (Granularity granularity : values()) {
      if (granularity.label().equals(label)) {
        return granularity;
      }
    }
    throw new IllegalArgumentException("unknown granularity '" + label + "' (minute, hour, day or month)");
  }
}

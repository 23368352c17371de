package dev.klaxon.cost.query;

import dev.klaxon.cost.Granularity;
import java.time.Instant;
import java.util.Locale;

/** What the spend API totals: the current UTC day or calendar month, i.e. the open window of that size. */
public enum SpendPeriod {
  DAY(Granularity.DAY), MONTH(Granularity.MONTH);

  private final Granularity granularity;

  SpendPeriod(Granularity granularity) {
    this.granularity = granularity;
  }

  /** {@code day} or {@code month}. */
  public static SpendPeriod parse(String value) {
    for (SpendPeriod period : values()) {
      if (period.label().equals(value)) {
        return period;
      }
    }
    throw SpendQueryException.badRequest("period", "must be day or month, got '" + value + "'");
  }

  public Granularity granularity() {
    return granularity;
  }

  /** Start (epoch ms) of the period holding {@code now}. */
  public long startAt(Instant now) {
    return granularity.startOf(now.toEpochMilli());
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package dev.klaxon.rules;

import dev.klaxon.schemas.config.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** What a metric's numbers mean, so values and thresholds print the way on-call reads them. */
public enum Unit {
  /** Latency in milliseconds: {@code 850 ms}, {@code 2.3 s}. */
  MILLIS {
    @Override
    public String format(double value) {
      return Math.abs(value) < 1000 ? decimals(value, Math.abs(value) < 10 ? 1 : 0) + " ms"
          : decimals(value / 1000, 1) + " s";
    }
  },
  /** A fraction written as a percentage: 0.052 is {@code 5.2 %}. */
  RATIO {
    @Override
    public String format(double value) {
      return decimals(value * 100, 2) + " %";
    }
  },
  /**
   * A share that may pass 1, written as a percentage: 1.2 is {@code 120 %} (a budget overrun). Unlike
   * {@link #RATIO}, thresholds above 1 are allowed.
   */
  SHARE {
    @Override
    public String format(double value) {
      return decimals(value * 100, 1) + " %";
    }
  },
  /** How many times a baseline: {@code 5.2×}. */
  TIMES {
    @Override
    public String format(double value) {
      return decimals(value, 1) + "×";
    }
  },
  /**
   * US dollars, always with cents: {@code $12.35}, {@code $0.10}; under a dollar up to four decimals
   * ({@code $0.104}, {@code $0.0042}), so a value just over a $0.10 threshold does not print as $0.10.
   */
  USD {
    @Override
    public String format(double value) {
      if (!Double.isFinite(value)) {
        return String.valueOf(value);
      }
      BigDecimal amount = BigDecimal.valueOf(value).setScale(Math.abs(value) < 1 ? 4 : 2, RoundingMode.HALF_UP)
          .stripTrailingZeros();
      return "$" + (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
    }
  },
  /** Events in a window: {@code 57}. */
  COUNT {
    @Override
    public String format(double value) {
      return decimals(value, 1);
    }
  },
  /** A stretch of time in milliseconds, e.g. how long a service has been silent: {@code 5m}. */
  DURATION {
    @Override
    public String format(double value) {
      return Durations.format(Duration.ofSeconds(Math.round(value / 1000)));
    }
  };

  public abstract String format(double value);

  /**
   * The {@code unit} annotation the alert sink reads to print an alert's bare value and threshold
   * ({@code ms}, {@code ratio}, {@code $}, {@code ×}, {@code duration}); empty for plain counts, which
   * need none.
   */
  public String annotation() {
    return switch (this) {
      case MILLIS -> "ms";
      case RATIO, SHARE -> "ratio";
      case TIMES -> "×";
      case USD -> "$";
      case DURATION -> "duration";
      case COUNT -> "";
    };
  }

  /** At most {@code places} decimals, trailing zeros dropped: 2.0 → "2", 1.25 → "1.25". */
  private static String decimals(double value, int places) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}

package dev.klaxon.processor;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact quantiles of kept samples: the reference {@link LatencyHistogram}'s quantiles are held to. */
public final class ExactQuantiles {

  private ExactQuantiles() {}

  /**
   * Nearest rank: the smallest sample with at least {@code q·n} samples at or below it. The rank is
   * computed in decimal: in doubles 0.55 × 100 is 55.000000000000007, which would take rank 56.
   *
   * @param sorted the samples, ascending
   */
  public static double nearestRank(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    long rank = BigDecimal.valueOf(q).multiply(BigDecimal.valueOf(sorted.length))
        .setScale(0, RoundingMode.CEILING).longValueExact();
    return sorted[(int) Math.max(1, rank) - 1];
  }
}

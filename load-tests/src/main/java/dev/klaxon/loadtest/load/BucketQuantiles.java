package dev.klaxon.loadtest.load;

import java.util.List;

/**
 * What a Prometheus histogram with fixed buckets would report for a quantile of the same samples:
 * cumulative counts per upper bound ({@code le}), then {@code histogram_quantile}'s estimate — find
 * the bucket holding rank {@code q·n} and interpolate linearly inside it, assuming the samples spread
 * evenly between its bounds. The lowest bucket starts at 0; a rank in the {@code +Inf} bucket reports
 * the highest finite bound, as Prometheus does.
 */
public final class BucketQuantiles {

  /** The Prometheus client libraries' default buckets, in seconds. */
  public static final List<Double> DEFAULT_BUCKETS_SECONDS =
      List.of(.005, .01, .025, .05, .1, .25, .5, 1.0, 2.5, 5.0, 10.0);

  private final double[] upperBounds;
  private final long[] counts; // per bucket, the last one +Inf
  private long total;

  /** @param upperBounds ascending finite upper bounds, in the samples' unit */
  public BucketQuantiles(List<Double> upperBounds) {
    this.upperBounds = upperBounds.stream().mapToDouble(Double::doubleValue).toArray();
    this.counts = new long[this.upperBounds.length + 1];
  }

  /** The default buckets for samples in milliseconds. */
  public static BucketQuantiles defaultMillis() {
    return new BucketQuantiles(DEFAULT_BUCKETS_SECONDS.stream().map(s -> s * 1000).toList());
  }

  public void record(double value) {
    int bucket = 0;
    while (bucket < upperBounds.length && value > upperBounds[bucket]) {
      bucket++;
    }
    counts[bucket]++;
    total++;
  }

  /** {@code histogram_quantile(q, …)}; NaN without samples. */
  public double quantile(double q) {
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    for (int b = 0; b < counts.length; b++) {
      if (below + counts[b] >= rank && counts[b] > 0) {
        if (b == upperBounds.length) {
          return upperBounds[upperBounds.length - 1];
        }
        double lower = b == 0 ? 0 : upperBounds[b - 1];
        return lower + (upperBounds[b] - lower) * (rank - below) / counts[b];
      }
      below += counts[b];
    }
    return upperBounds[upperBounds.length - 1];
  }
}

package dev.klaxon.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BucketQuantilesTest {

  private static final Offset<Double> EXACT = Offset.offset(1e-9);

  /**
   * Ten samples in ms over the default buckets (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000 ms):
   * per bucket 2, 1, 1, 2, 2, 1, 0, 0, 0, 1; cumulative 2, 3, 4, 6, 8, 9, 9, 9, 9, 10.
   */
  private static BucketQuantiles tenSamples() {
    BucketQuantiles buckets = BucketQuantiles.defaultMillis();
    for (double ms : new double[] {3, 4, 8, 20, 30, 40, 60, 80, 200, 3000}) {
      buckets.record(ms);
    }
    return buckets;
  }

  @Test
  void interpolatesLinearlyInsideTheBucketHoldingTheRankAsHistogramQuantileDoes() {
    BucketQuantiles buckets = tenSamples();

    assertThat(buckets.quantile(0.5)).isCloseTo(37.5, EXACT);   // rank 5 in (25, 50]: 4 below, 2 in it → 25 + 25 · 1/2
    assertThat(buckets.quantile(0.9)).isCloseTo(250, EXACT);    // rank 9 in (100, 250]: 8 below, 1 in it → its top
    assertThat(buckets.quantile(0.95)).isCloseTo(3750, EXACT);  // rank 9.5 in (2500, 5000]: 2500 + 2500 · 0.5/1
    assertThat(buckets.quantile(0.1)).isCloseTo(2.5, EXACT);    // rank 1 in the first bucket, which starts at 0
  }

  @Test
  void aRankInThePlusInfBucketReportsTheHighestFiniteBound() {
    BucketQuantiles buckets = BucketQuantiles.defaultMillis();
    buckets.record(1);
    buckets.record(20_000);

    assertThat(buckets.quantile(0.99)).isCloseTo(10_000, EXACT);
  }

  @Test
  void valuesOnABoundBelongToThatBucketAndNoSamplesIsNaN() {
    BucketQuantiles buckets = BucketQuantiles.defaultMillis();
    buckets.record(100); // le="0.1" includes 0.1 s
    assertThat(buckets.quantile(1.0)).isCloseTo(100, EXACT);
    assertThat(BucketQuantiles.defaultMillis().quantile(0.5)).isNaN();
  }
}

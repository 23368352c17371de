package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.processor.LatencyHistogram;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyCountsTest {

  private static final int SAMPLES = 200_000;
  private static final double[] QUANTILES = {0.50, 0.95, 0.99};

  @ParameterizedTest
  @ValueSource(strings = {"lognormal", "bimodal", "wide-lognormal"})
  void quantilesAreWithinATenthOfAPercentOfTheExactOnesAndEqualTheHistograms(String distribution) {
    DoubleSupplier latencyMs = distribution(distribution, new Random(42));
    double[] samples = new double[SAMPLES];
    LatencyCounts counts = new LatencyCounts();
    Histogram direct = LatencyHistogram.create();
    for (int i = 0; i < SAMPLES; i++) {
      samples[i] = latencyMs.getAsDouble();
      counts.recordMillis(samples[i]);
      LatencyHistogram.recordMillis(direct, samples[i]);
    }
    Arrays.sort(samples);
    Histogram histogram = counts.toHistogram();

    assertThat(histogram).isEqualTo(direct);
    for (double q : QUANTILES) {
      double exact = samples[(int) Math.ceil(q * SAMPLES) - 1]; // nearest rank
      double measured = LatencyHistogram.quantileMillis(histogram, q);
      assertThat(Math.abs(measured - exact) / exact)
          .as("%s p%s: exact %s, measured %s", distribution, q * 100, exact, measured)
          .isLessThanOrEqualTo(0.001);
      assertThat(measured).isEqualTo(LatencyHistogram.quantileMillis(direct, q));
    }
  }

  @Test
  void bucketsAreHdrHistogramsAcrossTheWholeRange() {
    Histogram layout = LatencyHistogram.create();
    Random random = new Random(5);
    for (int i = 0; i < 100_000; i++) {
      long value = random.nextLong() >>> (2 + random.nextInt(62)); // every magnitude up to 2^62
      int index = LatencyCounts.indexOf(value);
      assertThat(LatencyCounts.lowestValueAt(index)).as("value %d", value).isEqualTo(layout.lowestEquivalentValue(value));
      assertThat(LatencyCounts.indexOf(layout.highestEquivalentValue(value))).isEqualTo(index);
    }
    assertThat(LatencyCounts.lowestValueAt(LatencyCounts.indexOf(0))).isZero();
    assertThat(LatencyCounts.lowestValueAt(LatencyCounts.indexOf(2047))).isEqualTo(2047);
  }

  @Test
  void bothEncodingsRoundTripAndReadBackIntoCounts() {
    LatencyCounts counts = lognormal(new Random(7), 50_000, 100);
    Histogram histogram = counts.toHistogram();

    Histogram fromCompressed = LatencyHistogram.decode(LatencyHistogram.encodeCompressed(histogram));
    Histogram fromPlain = LatencyHistogram.decode(LatencyHistogram.encode(histogram));

    assertThat(fromCompressed).isEqualTo(histogram);
    assertThat(fromPlain).isEqualTo(histogram);
    assertThat(LatencyCounts.of(fromCompressed).toHistogram()).isEqualTo(histogram);
    assertThat(LatencyCounts.of(fromPlain).toHistogram()).isEqualTo(histogram);
    assertThat(LatencyCounts.of(fromPlain).totalCount()).isEqualTo(50_000);
  }

  @Test
  void mergedWindowsEqualTheHistogramOfAllSamples() {
    Random random = new Random(3);
    Histogram all = LatencyHistogram.create();
    Histogram merged = LatencyHistogram.create();
    for (int window = 0; window < 10; window++) {
      LatencyCounts windowCounts = new LatencyCounts();
      for (int i = 0; i < 5_000; i++) {
        double ms = Math.exp(Math.log(50 + 20 * window) + 0.8 * random.nextGaussian());
        windowCounts.recordMillis(ms);
        LatencyHistogram.recordMillis(all, ms);
      }
      // what a consumer of RequestWindow.histogram does
      merged.add(LatencyHistogram.decode(LatencyHistogram.encodeCompressed(windowCounts.toHistogram())));
    }

    assertThat(merged).isEqualTo(all);
    assertThat(LatencyHistogram.quantileMillis(merged, 0.99)).isEqualTo(LatencyHistogram.quantileMillis(all, 0.99));
  }

  @Test
  void memoryFollowsDistinctBucketsNotEvents() {
    Random random = new Random(9);
    LatencyCounts few = lognormal(random, 20, 120);
    LatencyCounts many = lognormal(random, 100_000, 120);
    LatencyCounts manyMore = lognormal(random, 1_000_000, 120);

    assertThat(few.footprintLongs()).isLessThanOrEqualTo(32); // 20 events: 256 bytes of slots
    // 10x the events: a few more buckets in the tails, and never more than the flat histogram's array
    assertThat(manyMore.footprintLongs()).isLessThanOrEqualTo(2 * many.footprintLongs());
    assertThat((long) manyMore.footprintLongs() * Long.BYTES)
        .isLessThanOrEqualTo(manyMore.toHistogram().getEstimatedFootprintInBytes());
    assertThat(manyMore.totalCount()).isEqualTo(1_000_000);
    assertThat(manyMore.toHistogram()).isEqualTo(LatencyCounts.of(manyMore.toHistogram()).toHistogram());
  }

  @Test
  void oneValueRepeatedCountsUpInOneSlot() {
    LatencyCounts counts = new LatencyCounts();
    for (int i = 0; i < 1_000; i++) {
      counts.recordMillis(42.0);
    }
    counts.recordMillis(-1.0); // recorded as 0, as the histogram does

    assertThat(counts.distinctBuckets()).isEqualTo(2);
    assertThat(counts.toHistogram().getCountAtValue(42_000)).isEqualTo(1_000);
    assertThat(counts.toHistogram().getCountAtValue(0)).isEqualTo(1);
    assertThatThrownBy(() -> counts.recordMicros(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyWindowIsAnEmptyHistogram() {
    Histogram histogram = new LatencyCounts().toHistogram();

    assertThat(histogram.getTotalCount()).isZero();
    assertThat(LatencyHistogram.quantileMillis(histogram, 0.99)).isZero();
    assertThat(LatencyCounts.of(LatencyHistogram.decode(LatencyHistogram.encode(histogram))).totalCount()).isZero();
  }

  private static LatencyCounts lognormal(Random random, int samples, double medianMs) {
    LatencyCounts counts = new LatencyCounts();
    for (int i = 0; i < samples; i++) {
      counts.recordMillis(Math.exp(Math.log(medianMs) + 0.7 * random.nextGaussian()));
    }
    return counts;
  }

  private static DoubleSupplier distribution(String name, Random random) {
    return switch (name) {
      // median 120 ms, p99 around 600 ms: a typical API
      case "lognormal" -> () -> Math.exp(Math.log(120) + 0.7 * random.nextGaussian());
      // cache hits near 3 ms, misses near 400 ms
      case "bimodal" -> () -> random.nextDouble() < 0.8
          ? Math.exp(Math.log(3) + 0.3 * random.nextGaussian())
          : Math.exp(Math.log(400) + 0.4 * random.nextGaussian());
      // five orders of magnitude, down to a few microseconds
      default -> () -> Math.exp(Math.log(20) + 2.0 * random.nextGaussian());
    };
  }
}

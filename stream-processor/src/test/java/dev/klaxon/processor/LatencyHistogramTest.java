package dev.klaxon.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.processor.internal.LatencyCounts;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyHistogramTest {

  private static final int SAMPLES = 200_000;
  private static final double[] QUANTILES = {0.50, 0.95, 0.99};

  @ParameterizedTest
  @ValueSource(strings = {"lognormal", "bimodal", "wide-lognormal"})
  void quantilesAreWithinATenthOfAPercentOfTheExactOnesInHistogramsAndOpenWindows(String distribution) {
    Random random = new Random(42);
    DoubleSupplier latencyMs = switch (distribution) {
      // median 120 ms, p99 around 600 ms: a typical API
      case "lognormal" -> () -> Math.exp(Math.log(120) + 0.7 * random.nextGaussian());
      // cache hits near 3 ms, misses near 400 ms
      case "bimodal" -> () -> random.nextDouble() < 0.8
          ? Math.exp(Math.log(3) + 0.3 * random.nextGaussian())
          : Math.exp(Math.log(400) + 0.4 * random.nextGaussian());
      // five orders of magnitude, down to a few microseconds
      default -> () -> Math.exp(Math.log(20) + 2.0 * random.nextGaussian());
    };
    double[] samples = new double[SAMPLES];
    Histogram histogram = LatencyHistogram.create();
    LatencyCounts openWindow = new LatencyCounts(); // what the processor keeps per open window
    for (int i = 0; i < SAMPLES; i++) {
      samples[i] = latencyMs.getAsDouble();
      LatencyHistogram.recordMillis(histogram, samples[i]);
      openWindow.recordMillis(samples[i]);
    }
    Arrays.sort(samples);
    assertThat(openWindow.toHistogram()).isEqualTo(histogram);

    for (double q : QUANTILES) {
      double exact = ExactQuantiles.nearestRank(samples, q);
      double measured = LatencyHistogram.quantileMillis(histogram, q);
      assertThat(Math.abs(measured - exact) / exact)
          .as("%s p%s: exact %s, measured %s", distribution, q * 100, exact, measured)
          .isLessThanOrEqualTo(0.001);
    }
  }

  @Test
  void compressedAndPlainEncodingsRoundTrip() {
    Histogram histogram = randomHistogram(new Random(7), 50_000);

    Histogram fromCompressed = LatencyHistogram.decode(LatencyHistogram.encodeCompressed(histogram));
    Histogram fromPlain = LatencyHistogram.decode(LatencyHistogram.encode(histogram));

    assertThat(fromCompressed).isEqualTo(histogram);
    assertThat(fromPlain).isEqualTo(histogram);
    assertThat(LatencyHistogram.encodeCompressed(histogram).length)
        .isLessThan(LatencyHistogram.encode(histogram).length);
  }

  @Test
  void decodedHistogramsKeepGrowing() {
    Histogram decoded = LatencyHistogram.decode(LatencyHistogram.encodeCompressed(randomHistogram(new Random(1), 10)));

    LatencyHistogram.recordMillis(decoded, 3_600_000); // one hour, far above anything recorded before

    assertThat(decoded.getMaxValue()).isGreaterThanOrEqualTo(3_600_000_000L - 3_600_000);
  }

  @Test
  void mergingWindowHistogramsEqualsTheHistogramOfAllSamples() { // windows as the processor keeps them
    Random random = new Random(3);
    Histogram all = LatencyHistogram.create();
    Histogram merged = LatencyHistogram.create();
    for (int window = 0; window < 10; window++) {
      LatencyCounts openWindow = new LatencyCounts();
      for (int i = 0; i < 5_000; i++) {
        double ms = Math.exp(Math.log(50 + 20 * window) + 0.8 * random.nextGaussian());
        openWindow.recordMillis(ms);
        LatencyHistogram.recordMillis(all, ms);
      }
      merged.add(LatencyHistogram.decode(LatencyHistogram.encodeCompressed(openWindow.toHistogram())));
    }

    assertThat(merged).isEqualTo(all);
    assertThat(LatencyHistogram.quantileMillis(merged, 0.99)).isEqualTo(LatencyHistogram.quantileMillis(all, 0.99));
  }

  @Test
  void emptyHistogramReportsZero() {
    assertThat(LatencyHistogram.quantileMillis(LatencyHistogram.create(), 0.99)).isZero();
  }

  private static Histogram randomHistogram(Random random, int samples) {
    Histogram histogram = LatencyHistogram.create();
    for (int i = 0; i < samples; i++) {
      LatencyHistogram.recordMillis(histogram, Math.exp(Math.log(100) + random.nextGaussian()));
    }
    return histogram;
  }

  @Test
  void theCompressedEncodingIsHdrHistogramsOwnByteForByteAndDecodesToTheSameHistogram() {
    Random random = new Random(17);
    Histogram small = LatencyHistogram.create();
    Histogram wide = LatencyHistogram.create();
    for (int i = 0; i < 50_000; i++) {
      LatencyHistogram.recordMillis(small, Math.exp(Math.log(120) + 0.7 * random.nextGaussian()));
      LatencyHistogram.recordMillis(wide, Math.exp(Math.log(20) + 2.0 * random.nextGaussian()));
    }
    LatencyHistogram.recordMillis(wide, 600_000); // a ten-minute outlier: the largest buffers so far

    // the same thread reuses its buffers: a small histogram after a wide one must not carry old bytes
    for (Histogram histogram : new Histogram[] {small, wide, small, LatencyHistogram.create()}) {
      java.nio.ByteBuffer theirs = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
      int length = histogram.encodeIntoCompressedByteBuffer(theirs, java.util.zip.Deflater.BEST_SPEED);

      byte[] ours = LatencyHistogram.encodeCompressed(histogram);

      assertThat(ours).isEqualTo(Arrays.copyOf(theirs.array(), length));
      assertThat(LatencyHistogram.decode(ours)).isEqualTo(histogram);
    }
  }
}

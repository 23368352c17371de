package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The bucket layout, encodings and memory of open windows; accuracy and merging: LatencyHistogramTest. */
class LatencyCountsTest {

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
  void countsWrittenAsTheyAreKeptReadBackIntoTheSameHistogramSparseOrDense() {
    LatencyCounts sparse = lognormal(new Random(3), 50, 100);
    LatencyCounts dense = lognormal(new Random(4), 200_000, 100);
    dense.recordMillis(90_000); // an outlier far above the rest

    for (LatencyCounts counts : new LatencyCounts[] {sparse, dense, new LatencyCounts()}) {
      ByteBuffer buffer = ByteBuffer.allocate(counts.maxEncodedSize());
      counts.writeTo(buffer);
      LatencyCounts read = LatencyCounts.readFrom(buffer.flip());

      assertThat(buffer.remaining()).isZero();
      assertThat(read.toHistogram()).isEqualTo(counts.toHistogram());
      assertThat(read.totalCount()).isEqualTo(counts.totalCount());
      assertThat(read.distinctBuckets()).isEqualTo(counts.distinctBuckets());
      assertThat(read.footprintLongs()).isLessThanOrEqualTo(counts.footprintLongs()); // never larger than live
      read.recordMillis(12.5); // and the window goes on
      counts.recordMillis(12.5);
      assertThat(read.toHistogram()).isEqualTo(counts.toHistogram());
    }
  }

  @Test
  void quantilesAndHistogramEncodingReadFromTheCountsAreTheHistogramsOwn() {
    Random random = new Random(11);
    double[] quantiles = {0.5, 0.95, 0.99, 0.999, 1.0, 0.0001};
    for (int run = 0; run < 300; run++) {
      LatencyCounts counts = run % 3 == 0 ? lognormal(random, 1 + random.nextInt(50), 1 + random.nextInt(2_000))
          : run % 3 == 1 ? lognormal(random, 1 + random.nextInt(200_000), 0.01 + random.nextInt(300))
          : spread(random, 1 + random.nextInt(5_000)); // lone empty buckets, runs, sub-microsecond zeros, dense
      Histogram histogram = counts.toHistogram();

      double[] read = counts.quantilesMillis(quantiles);
      for (int q = 0; q < quantiles.length; q++) {
        assertThat(read[q]).as("run %d, q %s", run, quantiles[q])
            .isEqualTo(LatencyHistogram.quantileMillis(histogram, quantiles[q]));
      }
      assertThat(plainEncoding(counts)).as("run %d", run).isEqualTo(LatencyHistogram.encode(histogram));
      assertThat(LatencyHistogram.encodeCompressed(counts.maxHistogramEncodingSize(), counts::encodeHistogram))
          .isEqualTo(LatencyHistogram.encodeCompressed(histogram));
    }
  }

  @Test
  void mergedWindowsAreTheWindowThatRecordedAllTheirLatencies() {
    Random random = new Random(13);
    for (int run = 0; run < 100; run++) {
      LatencyCounts all = new LatencyCounts();
      LatencyCounts merged = new LatencyCounts();
      int members = 1 + random.nextInt(6);
      for (int m = 0; m < members; m++) {
        LatencyCounts member = new LatencyCounts();
        // From empty to dense, each member over its own range.
        int samples = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(run % 2 == 0 ? 100 : 50_000);
        long upToMicros = 1 + random.nextInt(m % 2 == 0 ? 5_000 : 60_000_000);
        for (int i = 0; i < samples; i++) {
          long micros = random.nextLong(upToMicros);
          member.recordMicros(micros);
          all.recordMicros(micros);
        }
        merged.addAll(member);
      }

      assertThat(merged.totalCount()).isEqualTo(all.totalCount());
      assertThat(merged.toHistogram()).as("run %d", run).isEqualTo(all.toHistogram());
      assertThat(plainEncoding(merged)).as("run %d", run).isEqualTo(plainEncoding(all));
      assertThat(merged.quantilesMillis(0.5, 0.95, 0.99)).isEqualTo(all.quantilesMillis(0.5, 0.95, 0.99));
    }
  }

  @Test
  void anEmptyWindowEncodesAsTheEmptyHistogram() {
    LatencyCounts empty = new LatencyCounts();

    assertThat(plainEncoding(empty)).isEqualTo(LatencyHistogram.encode(empty.toHistogram()));
    assertThat(empty.quantilesMillis(0.5, 0.99)).containsExactly(0.0, 0.0);
  }

  private static byte[] plainEncoding(LatencyCounts counts) {
    ByteBuffer buffer = ByteBuffer.allocate(counts.maxHistogramEncodingSize());
    int length = counts.encodeHistogram(buffer);
    assertThat(length).isEqualTo(buffer.position());
    return java.util.Arrays.copyOf(buffer.array(), length);
  }

  private static LatencyCounts spread(Random random, int samples) {
    LatencyCounts counts = new LatencyCounts();
    for (int i = 0; i < samples; i++) {
      switch (random.nextInt(4)) {
        case 0 -> counts.recordMicros(random.nextInt(5)); // 0 µs and neighbours
        case 1 -> counts.recordMicros(2 * random.nextInt(3_000)); // every other bucket empty
        case 2 -> counts.recordMicros(random.nextLong(1, 60_000_000)); // up to a minute
        default -> counts.recordMicros(1_000 + random.nextInt(10));
      }
    }
    return counts;
  }

  @Test
  void countsThatCannotBeWhatWasWrittenAreRefused() {
    ByteBuffer claimsTooManyBuckets = ByteBuffer.wrap(new byte[] {100, 127, 2, 2});
    ByteBuffer bucketAboveTheMax = ByteBuffer.wrap(new byte[] {1, 1, 99, 2}); // 50 empty buckets, then one

    assertThatThrownBy(() -> LatencyCounts.readFrom(claimsTooManyBuckets))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127 buckets");
    assertThatThrownBy(() -> LatencyCounts.readFrom(bucketAboveTheMax))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket 50");
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
}

package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RequestAggregateTest {

  @Test
  void anAggregateSurvivesEncodingWithItsAuthFailures() {
    RequestAggregate aggregate = new RequestAggregate();
    aggregate.add(401, 5);
    aggregate.add(403, 7);
    aggregate.add(500, 9);
    aggregate.add(200, 11);

    RequestAggregate decoded = RequestAggregate.decode(aggregate.encode());

    assertThat(decoded.count).isEqualTo(4);
    assertThat(decoded.authFailures).isEqualTo(2);
    assertThat(decoded.errors4xx).isEqualTo(2);
    assertThat(decoded.errors5xx).isEqualTo(1);
    assertThat(decoded.sumMs).isEqualTo(32.0);
    assertThat(decoded.maxMs).isEqualTo(11.0);
    assertThat(decoded.latency.toHistogram()).isEqualTo(aggregate.latency.toHistogram());
  }

  @Test
  void stateWrittenBeforeAuthFailuresExistedStillDecodesWithNoneCountedYet() {
    Histogram histogram = LatencyHistogram.create();
    LatencyHistogram.recordMillis(histogram, 12);
    byte[] encodedHistogram = LatencyHistogram.encode(histogram);
    byte[] formatOne = ByteBuffer.allocate(1 + 3 * Long.BYTES + 2 * Double.BYTES + encodedHistogram.length)
        .put((byte) 1).putLong(3).putLong(1).putLong(2).putDouble(36.0).putDouble(20.0)
        .put(encodedHistogram).array();

    RequestAggregate decoded = RequestAggregate.decode(formatOne);

    assertThat(decoded.count).isEqualTo(3);
    assertThat(decoded.errors5xx).isEqualTo(1);
    assertThat(decoded.errors4xx).isEqualTo(2);
    assertThat(decoded.authFailures).isZero();
    assertThat(decoded.maxMs).isEqualTo(20.0);
    assertThat(decoded.latency.totalCount()).isEqualTo(1);
  }

  @Test
  void stateWrittenWhenWindowsHeldAFlatHistogramDecodesToTheSameCounts() {
    // Format 2 as written before LatencyCounts: the plain encoding of an auto-resizing Histogram.
    Histogram histogram = LatencyHistogram.create();
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      LatencyHistogram.recordMillis(histogram, Math.exp(Math.log(80) + random.nextGaussian()));
    }
    LatencyHistogram.recordMillis(histogram, 90_000); // a 90-second outlier: the array grew for it
    byte[] encodedHistogram = LatencyHistogram.encode(histogram);
    byte[] formatTwo = ByteBuffer.allocate(1 + 4 * Long.BYTES + 2 * Double.BYTES + encodedHistogram.length)
        .put((byte) 2).putLong(5_001).putLong(0).putLong(0).putLong(0).putDouble(1.0).putDouble(90_000.0)
        .put(encodedHistogram).array();

    RequestAggregate decoded = RequestAggregate.decode(formatTwo);
    decoded.add(200, 12.5); // and the window goes on
    LatencyHistogram.recordMillis(histogram, 12.5);

    assertThat(decoded.count).isEqualTo(5_002);
    assertThat(decoded.latency.toHistogram()).isEqualTo(histogram);
    assertThat(RequestAggregate.decode(decoded.encode()).latency.toHistogram()).isEqualTo(histogram);
  }

  @Test
  void stateIsWrittenInFormatThreeWithoutBuildingAHistogram() {
    RequestAggregate aggregate = new RequestAggregate();
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      aggregate.add(200, Math.exp(Math.log(120) + 0.7 * random.nextGaussian()));
    }

    byte[] encoded = aggregate.encode();
    RequestAggregate decoded = RequestAggregate.decode(encoded);

    assertThat(encoded[0]).isEqualTo((byte) 3);
    assertThat(decoded.count).isEqualTo(20_000);
    assertThat(decoded.latency.toHistogram()).isEqualTo(aggregate.latency.toHistogram());
    // the changelog carries about as many bytes as with the histogram's plain encoding it replaces
    assertThat(encoded.length).isCloseTo(LatencyHistogram.encode(aggregate.latency.toHistogram()).length,
        withinPercentage(5));
  }
}

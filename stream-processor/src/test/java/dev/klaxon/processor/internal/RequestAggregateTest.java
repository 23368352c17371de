package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;
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
    assertThat(decoded.latencyMicros).isEqualTo(aggregate.latencyMicros);
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
    assertThat(decoded.latencyMicros.getTotalCount()).isEqualTo(1);
  }
}

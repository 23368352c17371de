package dev.klaxon.processor.internal;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/** Running totals of one request window of one series. Mutable: updated in place per event. */
public final class RequestAggregate {

  private static final byte FORMAT = 1;

  long count;
  long errors5xx;
  long errors4xx;
  double sumMs;
  double maxMs;
  final Histogram latencyMicros;

  RequestAggregate() {
    this(LatencyHistogram.create());
  }

  private RequestAggregate(Histogram latencyMicros) {
    this.latencyMicros = latencyMicros;
  }

  void add(int status, double durationMs) {
    count++;
    if (status >= 500) {
      errors5xx++;
    } else if (status >= 400) {
      errors4xx++;
    }
    sumMs += durationMs;
    maxMs = Math.max(maxMs, durationMs);
    LatencyHistogram.recordMillis(latencyMicros, durationMs);
  }

  byte[] encode() {
    byte[] histogram = LatencyHistogram.encode(latencyMicros);
    return ByteBuffer.allocate(1 + 3 * Long.BYTES + 2 * Double.BYTES + histogram.length)
        .put(FORMAT).putLong(count).putLong(errors5xx).putLong(errors4xx).putDouble(sumMs).putDouble(maxMs)
        .put(histogram).array();
  }

  static RequestAggregate decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT) {
      throw new IllegalStateException("unknown request aggregate format " + format);
    }
    long count = buffer.getLong();
    long errors5xx = buffer.getLong();
    long errors4xx = buffer.getLong();
    double sumMs = buffer.getDouble();
    double maxMs = buffer.getDouble();
    byte[] histogram = new byte[buffer.remaining()];
    buffer.get(histogram);
    RequestAggregate aggregate = new RequestAggregate(LatencyHistogram.decode(histogram));
    aggregate.count = count;
    aggregate.errors5xx = errors5xx;
    aggregate.errors4xx = errors4xx;
    aggregate.sumMs = sumMs;
    aggregate.maxMs = maxMs;
    return aggregate;
  }
}

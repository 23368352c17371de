package dev.klaxon.processor.internal;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;

/** Running totals of one request window of one series. Mutable: updated in place per event. */
public final class RequestAggregate {

  // Format 2 adds authFailures. Format 1 (state written before it) still decodes, with 0 auth
  // failures so far in its window. The histogram is HdrHistogram's plain encoding in both, whether
  // written from a Histogram (before LatencyCounts) or from LatencyCounts, so state written before
  // the change decodes into LatencyCounts with the same counts.
  private static final byte FORMAT_1 = 1;
  private static final byte FORMAT = 2;

  long count;
  long errors5xx;
  long errors4xx;
  long authFailures;
  double sumMs;
  double maxMs;
  final LatencyCounts latency;

  RequestAggregate() {
    this(new LatencyCounts());
  }

  private RequestAggregate(LatencyCounts latency) {
    this.latency = latency;
  }

  void add(int status, double durationMs) {
    count++;
    if (status >= 500) {
      errors5xx++;
    } else if (status >= 400) {
      errors4xx++;
      if (status == 401 || status == 403) {
        authFailures++;
      }
    }
    sumMs += durationMs;
    maxMs = Math.max(maxMs, durationMs);
    latency.recordMillis(durationMs);
  }

  byte[] encode() {
    byte[] histogram = LatencyHistogram.encode(latency.toHistogram());
    return ByteBuffer.allocate(1 + 4 * Long.BYTES + 2 * Double.BYTES + histogram.length)
        .put(FORMAT).putLong(count).putLong(errors5xx).putLong(errors4xx).putLong(authFailures)
        .putDouble(sumMs).putDouble(maxMs).put(histogram).array();
  }

  static RequestAggregate decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT && format != FORMAT_1) {
      throw new IllegalStateException("unknown request aggregate format " + format);
    }
    long count = buffer.getLong();
    long errors5xx = buffer.getLong();
    long errors4xx = buffer.getLong();
    long authFailures = format == FORMAT_1 ? 0 : buffer.getLong();
    double sumMs = buffer.getDouble();
    double maxMs = buffer.getDouble();
    byte[] histogram = new byte[buffer.remaining()];
    buffer.get(histogram);
    RequestAggregate aggregate = new RequestAggregate(LatencyCounts.of(LatencyHistogram.decode(histogram)));
    aggregate.count = count;
    aggregate.errors5xx = errors5xx;
    aggregate.errors4xx = errors4xx;
    aggregate.authFailures = authFailures;
    aggregate.sumMs = sumMs;
    aggregate.maxMs = maxMs;
    return aggregate;
  }
}

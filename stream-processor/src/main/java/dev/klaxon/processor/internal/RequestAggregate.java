package dev.klaxon.processor.internal;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Running totals of one request window of one series. Mutable: updated in place per event. */
public final class RequestAggregate {

  // Format 2 adds authFailures. Format 1 (state written before it) still decodes, with 0 auth
  // failures so far in its window. Both hold HdrHistogram's plain encoding, whether written from a
  // Histogram (before LatencyCounts) or from LatencyCounts. Format 3 holds the counts as
  // LatencyCounts keeps them (LatencyCounts.writeTo): no histogram is built and encoded for each
  // changed window at every commit. Formats 1 and 2 still decode, so state written before restores;
  // a version from before format 3 cannot read it (roll back with a fresh application id or state).
  private static final byte FORMAT_1 = 1;
  private static final byte FORMAT_2 = 2;
  private static final byte FORMAT = 3;
  private static final int FIXED_BYTES = 1 + 4 * Long.BYTES + 2 * Double.BYTES;

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

  /**
   * Adds another window's totals, as if its requests had been added here: the same counts and
   * latency buckets, so the same quantiles and histogram; the sum of durations only in another
   * order (the mean may differ in its last digit).
   */
  void merge(RequestAggregate other) {
    count += other.count;
    errors5xx += other.errors5xx;
    errors4xx += other.errors4xx;
    authFailures += other.authFailures;
    sumMs += other.sumMs;
    maxMs = Math.max(maxMs, other.maxMs);
    latency.addAll(other.latency);
  }

  byte[] encode() {
    ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + latency.maxEncodedSize())
        .put(FORMAT).putLong(count).putLong(errors5xx).putLong(errors4xx).putLong(authFailures)
        .putDouble(sumMs).putDouble(maxMs);
    latency.writeTo(buffer);
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  static RequestAggregate decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    byte format = buffer.get();
    if (format != FORMAT && format != FORMAT_2 && format != FORMAT_1) {
      throw new IllegalStateException("unknown request aggregate format " + format);
    }
    long count = buffer.getLong();
    long errors5xx = buffer.getLong();
    long errors4xx = buffer.getLong();
    long authFailures = format == FORMAT_1 ? 0 : buffer.getLong();
    double sumMs = buffer.getDouble();
    double maxMs = buffer.getDouble();
    RequestAggregate aggregate = new RequestAggregate(format == FORMAT ? LatencyCounts.readFrom(buffer)
        : LatencyCounts.of(LatencyHistogram.decode(remaining(buffer))));
    aggregate.count = count;
    aggregate.errors5xx = errors5xx;
    aggregate.errors4xx = errors4xx;
    aggregate.authFailures = authFailures;
    aggregate.sumMs = sumMs;
    aggregate.maxMs = maxMs;
    return aggregate;
  }

  private static byte[] remaining(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}

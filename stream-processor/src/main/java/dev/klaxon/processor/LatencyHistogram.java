package dev.klaxon.processor;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * The latency histograms Klaxon keeps per window, and how they travel.
 *
 * <p>Latencies are recorded in whole microseconds with 3 significant digits, auto-resizing, so any
 * quantile is within 0.1 % of the true value at its rank. {@code RequestWindow.histogram} holds the
 * compressed encoding; consumers {@link #decode} and {@link Histogram#add} windows to merge them
 * exactly.
 *
 * <p>The processor does not keep one of these per open window: its counts array spans the whole
 * value range (about 90 KB), so open windows keep the same buckets sparse ({@code
 * internal.LatencyCounts}) and build the histogram when they are read.
 */
public final class LatencyHistogram {

  public static final int SIGNIFICANT_DIGITS = 3;
  private static final double MICROS_PER_MILLI = 1000.0;

  private LatencyHistogram() {}

  public static Histogram create() {
    Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    return histogram;
  }

  public static void recordMillis(Histogram histogram, double durationMs) {
    histogram.recordValue(toMicros(durationMs));
  }

  /** The value recorded for a latency: whole microseconds, negatives as 0. */
  public static long toMicros(double durationMs) {
    return Math.max(0L, Math.round(durationMs * MICROS_PER_MILLI));
  }

  /**
   * Latency at quantile {@code q} (0..1] in milliseconds, by nearest rank.
   *
   * <p>Reports the middle of the histogram bucket holding that rank rather than its upper edge, which
   * halves the worst-case error.
   */
  public static double quantileMillis(Histogram histogram, double q) {
    if (histogram.getTotalCount() == 0) {
      return 0.0;
    }
    long atRank = histogram.getValueAtPercentile(q * 100.0);
    return histogram.medianEquivalentValue(atRank) / MICROS_PER_MILLI;
  }

  /**
   * Compressed encoding, for metric records. Deflate's fastest level: the processor compresses every
   * changed open window at every commit interval, and the default level took three times as long for
   * a few percent fewer bytes; any level decodes the same.
   */
  public static byte[] encodeCompressed(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    return firstBytes(buffer, histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_SPEED));
  }

  /** Plain (uncompressed) encoding: faster, for state that is rewritten at every commit. */
  public static byte[] encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    return firstBytes(buffer, histogram.encodeIntoByteBuffer(buffer));
  }

  private static byte[] firstBytes(ByteBuffer buffer, int length) {
    return java.util.Arrays.copyOf(buffer.array(), length);
  }

  /** Decodes either encoding. */
  public static Histogram decode(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    Histogram histogram;
    try {
      histogram = Histogram.decodeFromCompressedByteBuffer(buffer, 0);
    } catch (DataFormatException | IllegalArgumentException compressedFailed) {
      buffer.rewind();
      histogram = Histogram.decodeFromByteBuffer(buffer, 0);
    }
    histogram.setAutoResize(true);
    return histogram;
  }
}

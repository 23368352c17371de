package dev.klaxon.processor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.ToIntFunction;
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
 * internal.LatencyCounts}), which give their quantiles and this class's encodings without building one.
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
   * Compressed encoding, for metric records: HdrHistogram's own format (its compressed-encoding
   * cookie, the deflated length, then its plain encoding deflated), byte for byte what
   * {@link Histogram#encodeIntoCompressedByteBuffer(ByteBuffer, int)} writes at deflate's fastest level.
   *
   * <p>Why not call that: it allocates a buffer of the histogram's whole counts range twice (about
   * 100 KB each for a window with second-long requests) and a new zlib stream per call, and the
   * processor encodes every changed open window at every commit interval (issue 13: most of the
   * processor's time went there). Here one thread reuses its buffers and its deflater. Deflate's
   * fastest level: the default level took about three times as long for a few percent fewer bytes;
   * any level decodes the same.
   */
  public static byte[] encodeCompressed(Histogram histogram) {
    return encodeCompressed(histogram.getNeededByteBufferCapacity(), histogram::encodeIntoByteBuffer);
  }

  /**
   * The compressed encoding of a plain encoding that {@code writePlain} writes into a buffer of at
   * least {@code capacity} bytes, returning its length: for histograms kept in another form
   * ({@code internal.LatencyCounts}) that write HdrHistogram's plain encoding themselves.
   */
  public static byte[] encodeCompressed(int capacity, ToIntFunction<ByteBuffer> writePlain) {
    return Encoder.LOCAL.get().compressed(capacity, writePlain);
  }

  /** A thread's reused buffers and deflater. */
  private static final class Encoder {
    static final ThreadLocal<Encoder> LOCAL = ThreadLocal.withInitial(Encoder::new);
    // Written first by HdrHistogram's compressed encoding; taken from HdrHistogram itself, not copied.
    static final int COMPRESSED_COOKIE = compressedCookie();

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private ByteBuffer plain = ByteBuffer.allocate(0);
    private byte[] deflated = new byte[0];

    byte[] compressed(int capacity, ToIntFunction<ByteBuffer> writePlain) {
      if (plain.capacity() < capacity) {
        plain = ByteBuffer.allocate(capacity);
      }
      plain.clear();
      int plainLength = writePlain.applyAsInt(plain);
      deflater.reset();
      deflater.setInput(plain.array(), 0, plainLength);
      deflater.finish();
      int length = 0;
      while (!deflater.finished()) {
        if (length == deflated.length) {
          deflated = Arrays.copyOf(deflated, Math.max(1024, 2 * deflated.length));
        }
        length += deflater.deflate(deflated, length, deflated.length - length);
      }
      return ByteBuffer.allocate(2 * Integer.BYTES + length).putInt(COMPRESSED_COOKIE).putInt(length)
          .put(deflated, 0, length).array();
    }

    private static int compressedCookie() {
      Histogram empty = create();
      ByteBuffer buffer = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
      empty.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_SPEED);
      return buffer.getInt(0);
    }
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

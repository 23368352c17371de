package dev.klaxon.processor.internal;

import dev.klaxon.processor.LatencyHistogram;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The latencies of one open window: the counts of {@link LatencyHistogram}'s buckets, kept sparse.
 *
 * <p>Why not the histogram itself: an auto-resizing {@link Histogram} holds a counts array over its
 * whole value range, about 90 KB once a window has seen a one-second request, however few requests
 * it has seen (issue 13 measured 88 KB per series). HdrHistogram's {@code PackedHistogram} is small
 * but pays microseconds per newly seen bucket (it repacks its array as it grows), which is most
 * recordings in a one-minute window. Here each non-empty bucket is one {@code long} in an
 * open-addressing table (bucket index in the high bits, count in the low 40): a window holds
 * 11 to 21 bytes per distinct bucket it has seen, so memory follows series and the spread of
 * their latencies, not the number of events; recording is a hash probe. A window that has seen so
 * many distinct buckets that the table would outgrow a plain counts array switches to one (dense),
 * so it never holds more than the histogram would.
 *
 * <p>Same buckets as the histogram (3 significant digits, lowest discernible value 1 µs), so
 * {@link #toHistogram()} gives exactly the histogram recording the same values would have built:
 * same quantiles, same encodings, windows merge exactly. A window that is read (published or
 * closed) gives its quantiles and the histogram's encoding from the counts, without building the
 * histogram ({@link #quantilesMillis}, {@link #encodeHistogram}); the store gets the counts
 * themselves ({@link #writeTo}).
 */
public final class LatencyCounts {

  // HdrHistogram's layout for 3 significant digits and unit magnitude 0: 2048 sub-buckets, the
  // upper 1024 of each bucket after the first are new values.
  private static final int SUB_BUCKET_COUNT_MAGNITUDE = 11;
  private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = SUB_BUCKET_COUNT_MAGNITUDE - 1;
  private static final int SUB_BUCKET_HALF_COUNT = 1 << SUB_BUCKET_HALF_COUNT_MAGNITUDE;
  private static final long SUB_BUCKET_MASK = (1L << SUB_BUCKET_COUNT_MAGNITUDE) - 1;
  private static final int LEADING_ZERO_COUNT_BASE = 64 - SUB_BUCKET_COUNT_MAGNITUDE;

  private static final int COUNT_BITS = 40; // a trillion per bucket per window; the index needs 17 bits
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
  private static final int MIN_CAPACITY = 8;
  private static final double MICROS_PER_MILLI = 1000.0;
  // cookie, payload length, normalising offset, significant digits, lowest, highest, ratio
  private static final int HISTOGRAM_HEADER_BYTES = 4 * Integer.BYTES + 2 * Long.BYTES + Double.BYTES;
  private static final int HISTOGRAM_ENCODING_COOKIE = histogramEncodingCookie();

  private long[] slots; // sparse: (index + 1) << COUNT_BITS | count, 0 when free; null once dense
  private long[] dense; // counts by index, once the table would be larger
  private int shift; // 32 - log2(capacity), for Fibonacci hashing
  private int distinct;
  private long totalCount;
  private long maxMicros;

  public LatencyCounts() {
    this(MIN_CAPACITY);
  }

  private LatencyCounts(int capacity) {
    slots = new long[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
  }

  /** Counts of a histogram with {@link LatencyHistogram}'s buckets, e.g. one read back from state. */
  public static LatencyCounts of(Histogram histogram) {
    int buckets = 0;
    for (HistogramIterationValue ignored : histogram.recordedValues()) {
      buckets++;
    }
    LatencyCounts counts = new LatencyCounts(capacityFor(buckets));
    int denseLength = denseLength(indexOf(histogram.getMaxValue()));
    if (counts.slots.length >= denseLength) {
      counts.dense = new long[denseLength];
      counts.slots = null;
    }
    for (HistogramIterationValue value : histogram.recordedValues()) {
      counts.add(value.getValueIteratedTo(), value.getCountAtValueIteratedTo());
    }
    return counts;
  }

  public void recordMillis(double durationMs) {
    recordMicros(LatencyHistogram.toMicros(durationMs));
  }

  public void recordMicros(long micros) {
    add(micros, 1);
  }

  /** Adds another window's counts: the same as recording its latencies here. */
  public void addAll(LatencyCounts other) {
    if (totalCount == 0 && slots != null) { // empty, as a merge starts: a copy of the other's table
      maxMicros = other.maxMicros;
      totalCount = other.totalCount;
      distinct = other.distinct;
      shift = other.shift;
      slots = other.slots == null ? null : other.slots.clone();
      dense = other.dense == null ? null : other.dense.clone();
      return;
    }
    maxMicros = Math.max(maxMicros, other.maxMicros); // first: growing sizes by the largest value
    if (slots != null && capacityFor(distinct + other.distinct) > slots.length) {
      resize(capacityFor(distinct + other.distinct)); // once, not by doubling as the buckets come
    }
    if (other.dense != null) {
      for (int index = 0; index < other.dense.length; index++) {
        if (other.dense[index] != 0) {
          addAt(index, other.dense[index]);
        }
      }
      return;
    }
    for (long slot : other.slots) {
      if (slot != 0) {
        addAt((int) (slot >>> COUNT_BITS) - 1, slot & COUNT_MASK);
      }
    }
  }

  public long totalCount() {
    return totalCount;
  }

  /** Buckets with a count: what the memory follows. */
  public int distinctBuckets() {
    return distinct;
  }

  /** Longs held for the counts: the table's slots, or the dense array's length. */
  int footprintLongs() {
    return dense != null ? dense.length : slots.length;
  }

  /** A new histogram holding these counts, sized to them (auto-resizing, like {@link LatencyHistogram#create()}). */
  public Histogram toHistogram() {
    Histogram histogram = new Histogram(1, Math.max(2, maxMicros), LatencyHistogram.SIGNIFICANT_DIGITS);
    histogram.setAutoResize(true);
    if (dense != null) {
      for (int index = 0; index < dense.length; index++) {
        if (dense[index] != 0) {
          histogram.recordValueWithCount(lowestValueAt(index), dense[index]);
        }
      }
      return histogram;
    }
    for (long slot : slots) {
      if (slot != 0) {
        histogram.recordValueWithCount(lowestValueAt((int) (slot >>> COUNT_BITS) - 1), slot & COUNT_MASK);
      }
    }
    return histogram;
  }

  /**
   * Latencies at quantiles (each in (0..1]) in milliseconds: exactly what {@link
   * LatencyHistogram#quantileMillis} reports for {@link #toHistogram()}, read from the counts
   * without building it (issue 13: open windows are read at every commit interval).
   */
  public double[] quantilesMillis(double... quantiles) {
    double[] millis = new double[quantiles.length];
    if (totalCount == 0) {
      return millis;
    }
    long[] buckets = inIndexOrder();
    for (int q = 0; q < quantiles.length; q++) {
      // HdrHistogram's getValueAtPercentile: the first bucket whose cumulative count reaches the
      // rank, the rank rounded up from one ulp below the requested percentile.
      double percentile = Math.min(Math.max(Math.nextAfter(quantiles[q] * 100.0, Double.NEGATIVE_INFINITY), 0.0), 100.0);
      long rank = Math.max(1, (long) Math.ceil(percentile * totalCount / 100.0));
      long cumulative = 0;
      for (int i = 0; i < distinct; i++) {
        cumulative += buckets[i] & COUNT_MASK;
        if (cumulative >= rank) {
          millis[q] = medianValueAt((int) (buckets[i] >>> COUNT_BITS) - 1) / MICROS_PER_MILLI;
          break;
        }
      }
    }
    return millis;
  }

  /** At least the bytes {@link #encodeHistogram} writes. */
  public int maxHistogramEncodingSize() {
    return HISTOGRAM_HEADER_BYTES + (2 * distinct + 1) * MAX_VARLONG_BYTES;
  }

  /**
   * HdrHistogram's plain encoding of these counts: byte for byte what {@code
   * toHistogram().encodeIntoByteBuffer(out)} writes, without building the histogram and its counts
   * array over the whole range. Returns the bytes written.
   */
  public int encodeHistogram(ByteBuffer out) {
    int start = out.position();
    // The histogram toHistogram builds: lowest discernible 1, highest trackable max(2, largest
    // value), no normalising offset, integer-to-double ratio 1.
    out.putInt(HISTOGRAM_ENCODING_COOKIE).putInt(0).putInt(0).putInt(LatencyHistogram.SIGNIFICANT_DIGITS)
        .putLong(1).putLong(Math.max(2, maxMicros)).putDouble(1.0);
    int payloadStart = out.position();
    byte[] bytes = out.array();
    int at = out.arrayOffset() + payloadStart;
    if (distinct == 0) {
      at = putVarLong(bytes, at, zigzag(0)); // the count at index 0, the one index an empty histogram writes
    }
    long[] buckets = inIndexOrder();
    int next = 0;
    for (int i = 0; i < distinct; i++) {
      int index = (int) (buckets[i] >>> COUNT_BITS) - 1;
      int empty = index - next;
      if (empty == 1) {
        at = putVarLong(bytes, at, zigzag(0)); // HdrHistogram writes a lone empty bucket as its count, 0
      } else if (empty > 1) {
        at = putVarLong(bytes, at, zigzag(-empty));
      }
      at = putVarLong(bytes, at, zigzag(buckets[i] & COUNT_MASK));
      next = index + 1;
    }
    out.position(at - out.arrayOffset());
    out.putInt(start + Integer.BYTES, out.position() - payloadStart);
    return out.position() - start;
  }

  // The non-empty buckets as (index + 1) << COUNT_BITS | count, in index order, in the first
  // `distinct` longs of an array reused per thread. A window is read for its quantiles and then for
  // its encoding: the order is kept for the window it was made for, while that window is unchanged
  // (its total count only grows, so an unchanged total means unchanged counts).
  private static final ThreadLocal<Ordered> ORDERED = ThreadLocal.withInitial(Ordered::new);

  private static final class Ordered {
    long[] buckets = new long[0];
    LatencyCounts of;
    long totalCount;
  }

  private long[] inIndexOrder() {
    Ordered ordered = ORDERED.get();
    if (ordered.of == this && ordered.totalCount == totalCount) {
      return ordered.buckets;
    }
    if (ordered.buckets.length < distinct) {
      ordered.buckets = new long[Math.max(distinct, 2 * ordered.buckets.length)];
    }
    fillInIndexOrder(ordered.buckets);
    ordered.of = this;
    ordered.totalCount = totalCount;
    return ordered.buckets;
  }

  private void fillInIndexOrder(long[] ordered) {
    int n = 0;
    if (dense != null) {
      for (int index = 0; index < dense.length; index++) {
        if (dense[index] != 0) {
          ordered[n++] = (long) (index + 1) << COUNT_BITS | dense[index];
        }
      }
      return;
    }
    int length = denseLength(indexOf(maxMicros));
    if (length > 16 * distinct) { // few buckets over a wide range: sorting them is cheaper than a pass
      for (long slot : slots) {
        if (slot != 0) {
          ordered[n++] = slot;
        }
      }
      Arrays.sort(ordered, 0, n);
      return;
    }
    long[] byIndex = scatter(length);
    for (int index = 0; index < length && n < distinct; index++) {
      long count = byIndex[index];
      if (count != 0) {
        ordered[n++] = (long) (index + 1) << COUNT_BITS | count;
        byIndex[index] = 0; // the scratch array is clean for the next window
      }
    }
  }

  private void add(long micros, long count) {
    if (micros < 0) {
      throw new IllegalArgumentException("latency cannot be negative: " + micros);
    }
    maxMicros = Math.max(maxMicros, micros);
    addAt(indexOf(micros), count);
  }

  /**
   * Writes the counts for state rewritten at every commit: the largest value, the number of non-empty
   * buckets, then the counts in index order, a run of empty buckets as its negated length (zigzag
   * varints, as HdrHistogram's own encoding writes its counts array). No histogram is built, unlike the histogram's own
   * encodings (issue 13: building and encoding one per changed window at every commit was a tenth of
   * the processor's time).
   */
  public void writeTo(ByteBuffer out) {
    byte[] bytes = out.array();
    int at = out.arrayOffset() + out.position();
    at = putVarLong(bytes, at, maxMicros);
    at = putVarLong(bytes, at, distinct);
    long[] buckets = inIndexOrder();
    int next = 0;
    for (int i = 0; i < distinct; i++) {
      int index = (int) (buckets[i] >>> COUNT_BITS) - 1;
      if (index > next) {
        at = putVarLong(bytes, at, zigzag(next - index));
      }
      at = putVarLong(bytes, at, zigzag(buckets[i] & COUNT_MASK));
      next = index + 1;
    }
    out.position(at - out.arrayOffset());
  }

  // A sparse window's counts laid out by index, in one reused array per thread: writing them in
  // index order is then a scan, not a sort.
  private static final ThreadLocal<long[]> SCRATCH = ThreadLocal.withInitial(() -> new long[0]);

  private long[] scatter(int length) {
    long[] scratch = SCRATCH.get();
    if (scratch.length < length) {
      scratch = new long[length];
      SCRATCH.set(scratch);
    }
    for (long slot : slots) {
      if (slot != 0) {
        scratch[(int) (slot >>> COUNT_BITS) - 1] = slot & COUNT_MASK;
      }
    }
    return scratch;
  }

  /** At most the bytes {@link #writeTo} writes. */
  public int maxEncodedSize() {
    return 2 * MAX_VARLONG_BYTES + distinct * (3 + MAX_VARLONG_BYTES); // a run of empty buckets fits 3 bytes
  }

  /** Counts written by {@link #writeTo}. @throws IllegalArgumentException if the bytes are not such counts */
  public static LatencyCounts readFrom(ByteBuffer in) {
    long max = getVarLong(in);
    long buckets = getVarLong(in);
    if (max < 0 || buckets < 0 || buckets > in.remaining()) { // a bucket takes a byte at least
      throw new IllegalArgumentException("corrupt latency counts: max " + max + ", " + buckets + " buckets in "
          + in.remaining() + " bytes");
    }
    LatencyCounts counts = new LatencyCounts(capacityFor((int) buckets));
    counts.maxMicros = max;
    int maxIndex = indexOf(max);
    int denseLength = denseLength(maxIndex);
    if (counts.slots.length >= denseLength) {
      counts.dense = new long[denseLength];
      counts.slots = null;
    }
    long next = 0;
    for (long i = 0; i < buckets; i++) {
      long index = next;
      long count = unzigzag(getVarLong(in));
      if (count < 0) { // a run of empty buckets
        index -= count;
        count = unzigzag(getVarLong(in));
      }
      if (index < 0 || index > maxIndex || count <= 0) {
        throw new IllegalArgumentException("corrupt latency counts: bucket " + index + " count " + count);
      }
      counts.addAt((int) index, count);
      next = index + 1;
    }
    return counts;
  }

  private static final int MAX_VARLONG_BYTES = 10;

  // Into a buffer's backing array, not put by put: the puts' checks were a twentieth of the commit
  // flush (issue 13). The callers size the buffer (maxEncodedSize, maxHistogramEncodingSize).
  private static int putVarLong(byte[] out, int at, long value) {
    while ((value & ~0x7FL) != 0) {
      out[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[at++] = (byte) value;
    return at;
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unzigzag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  private static long getVarLong(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("corrupt latency counts: varint longer than 10 bytes");
  }

  private void addAt(int index, long count) {
    totalCount += count;
    if (dense != null) {
      if (index >= dense.length) {
        dense = Arrays.copyOf(dense, denseLength(index));
      }
      if (dense[index] == 0) {
        distinct++;
      }
      dense[index] += count;
      return;
    }
    long key = (long) (index + 1) << COUNT_BITS;
    int mask = slots.length - 1;
    for (int i = (index * 0x9E3779B9) >>> shift; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        if (distinct >= slots.length - (slots.length >> 2)) { // load factor 3/4
          totalCount -= count; // counted again by the add after growing
          grow();
          addAt(index, count);
          return;
        }
        slots[i] = key | checked(count);
        distinct++;
        return;
      }
      if ((slot & ~COUNT_MASK) == key) {
        slots[i] = key | checked((slot & COUNT_MASK) + count);
        return;
      }
    }
  }

  private static long checked(long count) {
    if (count > COUNT_MASK) {
      throw new ArithmeticException("more than " + COUNT_MASK + " latencies in one bucket of one window");
    }
    return count;
  }

  private void grow() {
    resize(slots.length * 2);
  }

  /** To a sparse table of {@code capacity} slots (a power of two), or dense if that is smaller. */
  private void resize(int capacity) {
    int denseLength = denseLength(indexOf(maxMicros));
    if (capacity >= denseLength) {
      dense = new long[denseLength];
      for (long slot : slots) {
        if (slot != 0) {
          dense[(int) (slot >>> COUNT_BITS) - 1] = slot & COUNT_MASK;
        }
      }
      slots = null;
      return;
    }
    long[] old = slots;
    slots = new long[capacity];
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int index = (int) (slot >>> COUNT_BITS) - 1;
        int i = (index * 0x9E3779B9) >>> shift;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  /** Counts up to an index and the rest of its bucket, as the histogram grows a bucket at a time. */
  private static int denseLength(int index) {
    return (index | (SUB_BUCKET_HALF_COUNT - 1)) + 1;
  }

  private static int capacityFor(int buckets) {
    int capacity = MIN_CAPACITY;
    while (buckets >= capacity - (capacity >> 2)) {
      capacity *= 2;
    }
    return capacity;
  }

  // Taken from HdrHistogram itself rather than copied: the first int of its plain encoding.
  private static int histogramEncodingCookie() {
    Histogram empty = LatencyHistogram.create();
    ByteBuffer buffer = ByteBuffer.allocate(empty.getNeededByteBufferCapacity());
    empty.encodeIntoByteBuffer(buffer);
    return buffer.getInt(0);
  }

  /** HdrHistogram's counts index of a value (AbstractHistogram.countsArrayIndex). */
  static int indexOf(long value) {
    int bucketIndex = LEADING_ZERO_COUNT_BASE - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK);
    int subBucketIndex = (int) (value >>> bucketIndex);
    return ((bucketIndex + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + subBucketIndex - SUB_BUCKET_HALF_COUNT;
  }

  /** The middle of the bucket at a counts index (AbstractHistogram.medianEquivalentValue). */
  static long medianValueAt(int index) {
    int bucketIndex = Math.max(0, (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1);
    return lowestValueAt(index) + ((1L << bucketIndex) >> 1);
  }

  /** The lowest value of the bucket at a counts index (AbstractHistogram.valueFromIndex). */
  static long lowestValueAt(int index) {
    int bucketIndex = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
    int subBucketIndex = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
    if (bucketIndex < 0) {
      subBucketIndex -= SUB_BUCKET_HALF_COUNT;
      bucketIndex = 0;
    }
    return (long) subBucketIndex << bucketIndex;
  }
}

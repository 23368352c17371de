package dev.klaxon.cost.internal;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record header that carries, through the repartition topics, which partition of the input topic
 * ({@code klaxon.costs}) a cost event was read from: {@value #HEADER}, a 4-byte big-endian int. Kafka
 * Streams writes a record's headers to a repartition topic and reads them back on the far side, so
 * the window step can keep a watermark per upstream partition ({@link SourceWatermarks}).
 */
public final class SourcePartition {

  public static final String HEADER = "klaxon.source.partition";
  /** Records without the header (written to the repartition topic before it existed) share one source. */
  static final int UNKNOWN = -1;

  private SourcePartition() {}

  /** Fresh headers holding only the source partition (the input's own headers are not passed on). */
  static Headers headers(int partition) {
    return new RecordHeaders().add(HEADER, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
  }

  /** The source partition a record carries, or {@link #UNKNOWN}. */
  static int of(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    if (header == null || header.value() == null || header.value().length != Integer.BYTES) {
      return UNKNOWN;
    }
    return ByteBuffer.wrap(header.value()).getInt();
  }
}

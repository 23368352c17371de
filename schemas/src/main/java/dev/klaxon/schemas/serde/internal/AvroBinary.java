package dev.klaxon.schemas.serde.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Avro binary bodies read straight from the record's byte array and written behind a header, with
 * one decoder, encoder and buffer per thread: the hot path allocates only the record it returns
 * and the byte array it hands to Kafka. Datum readers and writers are thread-safe themselves.
 */
public final class AvroBinary {

  /** A buffer that has grown past this is dropped after use, so one huge record is not kept. */
  private static final int RETAINED_BUFFER_BYTES = 64 * 1024;

  // One thread-local for both decoders: the processor reads every event through here, and each
  // thread-local lookup showed in its profile (issue 13).
  private static final ThreadLocal<Decoders> DECODERS = ThreadLocal.withInitial(Decoders::new);
  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();
  private static final ThreadLocal<Buffer> BUFFER = ThreadLocal.withInitial(Buffer::new);

  private AvroBinary() {}

  /**
   * Reads one datum from {@code bytes[offset..]}, which must hold exactly that datum; lengths the
   * data claims are checked against the record's size (see {@link BoundedDecoder}).
   */
  public static <T> T read(DatumReader<T> reader, byte[] bytes, int offset) throws IOException {
    Decoders decoders = DECODERS.get();
    // Reuses the thread's decoder (the factory returns the one it is given, repositioned).
    decoders.binary = DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, decoders.binary);
    BoundedDecoder bounded = decoders.bounded.reset(decoders.binary, bytes.length);
    T datum = reader.read(null, bounded);
    if (!bounded.isEnd()) {
      throw new IOException("bytes left over after the record");
    }
    return datum;
  }

  /** {@code header} followed by the Avro binary encoding of {@code datum}, as a new array. */
  public static <T> byte[] write(byte[] header, DatumWriter<T> writer, T datum) throws IOException {
    Buffer buffer = BUFFER.get();
    buffer.reset();
    buffer.write(header);
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, ENCODER.get());
    ENCODER.set(encoder);
    try {
      writer.write(datum, encoder);
      encoder.flush();
      return buffer.toByteArray();
    } finally {
      if (buffer.capacity() > RETAINED_BUFFER_BYTES) {
        BUFFER.remove();
      }
    }
  }

  private static final class Decoders {
    BinaryDecoder binary; // null until the first read
    final BoundedDecoder bounded = new BoundedDecoder();
  }

  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(512);
    }

    int capacity() {
      return buf.length;
    }
  }
}

package dev.klaxon.schemas.serde.internal;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro single-object encoding (Avro specification, "Single-object encoding") of one record type:
 * the same bytes as Avro's {@code BinaryMessageEncoder}/{@code BinaryMessageDecoder}, but read in
 * place from the record's array (no stream per record). Writers' schemas are found by fingerprint
 * in a {@link SchemaStore} holding every released version, so older data resolves to the current
 * type. Thread-safe.
 */
public final class SingleObjectCodec<T> {

  private final String typeName;
  private final Schema schema;
  private final SpecificData model;
  private final SchemaStore writerSchemas;
  private final byte[] header;
  private final DatumWriter<T> writer;
  private final ConcurrentMap<Long, ResolvedReader<T>> readers = new ConcurrentHashMap<>();

  public SingleObjectCodec(Schema schema, SpecificData model, SchemaStore writerSchemas) {
    this.typeName = schema.getName();
    this.schema = schema;
    this.model = model;
    this.writerSchemas = writerSchemas;
    this.header = header(SchemaNormalization.parsingFingerprint64(schema));
    this.writer = new SpecificDatumWriter<>(schema, model);
  }

  public byte[] encode(T record) throws IOException {
    return AvroBinary.write(header, writer, record);
  }

  /** Decodes bytes that start with the single-object marker. */
  public T decode(byte[] bytes, String topic) {
    if (bytes.length < WireFormat.SINGLE_OBJECT_HEADER_LENGTH) {
      throw DecodeFailure.of(typeName, topic, "truncated single-object header: "
          + WireFormat.describePrefix(bytes) + ", the header alone takes "
          + WireFormat.SINGLE_OBJECT_HEADER_LENGTH, null);
    }
    if (bytes[1] != WireFormat.SINGLE_OBJECT_VERSION) {
      throw DecodeFailure.of(typeName, topic, String.format(
          "single-object marker C3 followed by %02X, expected format version 01", bytes[1]), null);
    }
    long fingerprint = fingerprint(bytes);
    ResolvedReader<T> resolved = readers.get(fingerprint);
    if (resolved == null) {
      resolved = resolve(fingerprint, topic);
    }
    if (!resolved.readable()) {
      throw DecodeFailure.of(typeName, topic, "schema fingerprint " + hex(fingerprint) + " is not "
          + typeName + " (" + resolved.incompatibility() + ")", null);
    }
    try {
      return AvroBinary.read(resolved.reader(), bytes, WireFormat.SINGLE_OBJECT_HEADER_LENGTH);
    } catch (IOException | RuntimeException e) {
      throw DecodeFailure.of(typeName, topic, "corrupt body (schema fingerprint " + hex(fingerprint)
          + "): " + DecodeFailure.describe(e), e);
    }
  }

  private ResolvedReader<T> resolve(long fingerprint, String topic) {
    Schema writerSchema = writerSchemas.findByFingerprint(fingerprint);
    if (writerSchema == null) {
      // Not cached: garbage fingerprints must not grow the map.
      throw DecodeFailure.of(typeName, topic, "unknown schema fingerprint " + hex(fingerprint)
          + ": neither the current nor a released version of " + typeName, null);
    }
    return readers.computeIfAbsent(fingerprint,
        fp -> ResolvedReader.resolve(writerSchema, schema, model));
  }

  private static long fingerprint(byte[] bytes) {
    long fingerprint = 0;
    for (int i = 9; i >= 2; i--) { // little-endian
      fingerprint = (fingerprint << 8) | (bytes[i] & 0xFFL);
    }
    return fingerprint;
  }

  private static byte[] header(long fingerprint) {
    byte[] header = new byte[WireFormat.SINGLE_OBJECT_HEADER_LENGTH];
    header[0] = WireFormat.SINGLE_OBJECT_MARKER;
    header[1] = WireFormat.SINGLE_OBJECT_VERSION;
    for (int i = 2; i < header.length; i++) {
      header[i] = (byte) (fingerprint >>> (8 * (i - 2)));
    }
    return header;
  }

  private static String hex(long fingerprint) {
    return String.format("%016X", fingerprint);
  }
}

package dev.klaxon.schemas.serde.internal;

import dev.klaxon.schemas.registry.SchemaRegistryClient;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent wire format of one record type: magic byte 0, 4-byte big-endian schema id, Avro
 * binary. The schema is registered once per subject; writer schemas are fetched once per id.
 * Thread-safe.
 */
public final class ConfluentCodec<T> {

  private final String typeName;
  private final Schema schema;
  private final SpecificData model;
  private final SchemaRegistryClient registry;
  private final DatumWriter<T> writer;
  private final ConcurrentMap<String, byte[]> headersBySubject = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, ResolvedReader<T>> readersById = new ConcurrentHashMap<>();

  public ConfluentCodec(Schema schema, SpecificData model, SchemaRegistryClient registry) {
    this.typeName = schema.getName();
    this.schema = schema;
    this.model = model;
    this.registry = registry;
    this.writer = new SpecificDatumWriter<>(schema, model);
  }

  public byte[] encode(String subject, T record) throws IOException {
    byte[] header = headersBySubject.get(subject);
    if (header == null) {
      header = headersBySubject.computeIfAbsent(subject, s -> header(register(s)));
    }
    return AvroBinary.write(header, writer, record);
  }

  private int register(String subject) {
    try {
      return registry.register(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException("cannot encode " + typeName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes bytes that start with the magic byte 0.
   *
   * @throws SerializationException for records that can never be decoded (dead-letter them)
   * @throws SchemaRegistryException when the registry is unreachable or failing: retrying later
   *     may succeed, so the record must not be dead-lettered
   */
  public T decode(byte[] bytes, String topic) {
    if (bytes.length < WireFormat.CONFLUENT_HEADER_LENGTH) {
      throw DecodeFailure.of(typeName, topic, "truncated Confluent header: "
          + WireFormat.describePrefix(bytes) + ", magic byte and schema id take "
          + WireFormat.CONFLUENT_HEADER_LENGTH, null);
    }
    int id = ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8)
        | (bytes[4] & 0xFF);
    ResolvedReader<T> resolved = readersById.get(id);
    if (resolved == null) {
      resolved = resolve(id, topic);
    }
    if (!resolved.readable()) {
      throw DecodeFailure.of(typeName, topic, "schema id " + id + " is not " + typeName
          + " (" + resolved.incompatibility() + ")", null);
    }
    try {
      return AvroBinary.read(resolved.reader(), bytes, WireFormat.CONFLUENT_HEADER_LENGTH);
    } catch (IOException | RuntimeException e) {
      throw DecodeFailure.of(typeName, topic, "corrupt body (schema id " + id + "): "
          + DecodeFailure.describe(e), e);
    }
  }

  private ResolvedReader<T> resolve(int id, String topic) {
    Schema writerSchema;
    try {
      writerSchema = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw e;
      }
      throw DecodeFailure.of(typeName, topic, "schema id " + id + " is unusable: " + e.getMessage(), e);
    }
    return readersById.computeIfAbsent(id, i -> ResolvedReader.resolve(writerSchema, schema, model));
  }

  private static byte[] header(int id) {
    return new byte[] {WireFormat.CONFLUENT_MAGIC, (byte) (id >>> 24), (byte) (id >>> 16),
        (byte) (id >>> 8), (byte) id};
  }
}

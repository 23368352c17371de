package dev.klaxon.schemas.serde;

import dev.klaxon.schemas.history.SchemaHistory;
import dev.klaxon.schemas.registry.SchemaRegistryClient;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import dev.klaxon.schemas.registry.TopicNameStrategy;
import dev.klaxon.schemas.serde.internal.ConfluentCodec;
import dev.klaxon.schemas.serde.internal.DecodeFailure;
import dev.klaxon.schemas.serde.internal.SingleObjectCodec;
import dev.klaxon.schemas.serde.internal.WireFormat;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for Klaxon's Avro records (design §5).
 *
 * <p>Two encodings, told apart by their first byte when reading, whatever the mode:
 * <ul>
 *   <li>{@code 0xC3} — Avro single-object encoding ({@code C3 01}, 8-byte schema fingerprint, Avro
 *       binary). Written by {@link #embedded embedded} serdes; needs no registry. The writer schema
 *       may be the current one or any released version (see {@link SchemaHistory}).
 *   <li>{@code 0x00} — Confluent wire format (magic byte 0, 4-byte schema id, Avro binary). Written
 *       by {@link #registry registry} serdes, subject {@code <topic>-value} or {@code <topic>-key};
 *       the writer schema is fetched by id. Readable only by a serde with a registry.
 * </ul>
 * Anything else, truncated or corrupt input fails with a {@link SerializationException} that says
 * what was found, so callers can dead-letter the record. A registry that cannot be reached fails
 * with a retriable {@link SchemaRegistryException} instead: the record is fine, the registry is not.
 *
 * <p>Thread-safe; decoders, encoders and buffers are reused per thread.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final Schema schema;
  private final SingleObjectCodec<T> singleObject;
  private final ConfluentCodec<T> confluent;
  private final boolean isKey;

  private AvroSerde(Class<T> type, SchemaStore writerSchemas, SchemaRegistryClient registry,
      boolean isKey) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.singleObject = new SingleObjectCodec<>(schema, model,
        writerSchemas != null ? writerSchemas : SchemaHistory.bundled().knownVersions(schema));
    this.confluent = registry == null ? null : new ConfluentCodec<>(schema, model, registry);
    this.isKey = isKey;
  }

  /** Registry-free serde: writes single-object encoding. */
  public static <T extends SpecificRecord> AvroSerde<T> embedded(Class<T> type) {
    return new AvroSerde<>(Objects.requireNonNull(type), null, null, false);
  }

  /** As {@link #embedded(Class)}, knowing {@code writerSchemas} instead of the bundled history. */
  static <T extends SpecificRecord> AvroSerde<T> embedded(Class<T> type, SchemaStore writerSchemas) {
    return new AvroSerde<>(Objects.requireNonNull(type), writerSchemas, null, false);
  }

  /**
   * Registry serde: writes the Confluent wire format, registering T's schema under the topic's
   * subject ({@code <topic>-key} if {@code isKey}, else {@code <topic>-value}) on first use.
   */
  public static <T extends SpecificRecord> AvroSerde<T> registry(Class<T> type,
      SchemaRegistryClient client, boolean isKey) {
    return new AvroSerde<>(Objects.requireNonNull(type), null, Objects.requireNonNull(client), isKey);
  }

  /** The current (reader and writer) schema of T. */
  public Schema schema() {
    return schema;
  }

  public boolean usesRegistry() {
    return confluent != null;
  }

  /**
   * Single-object encoding of {@code record}, for embedded serdes. A registry serde needs the topic
   * to name its subject: use {@link #encode(String, SpecificRecord)}.
   *
   * @throws IllegalStateException on a registry serde
   */
  public byte[] encode(T record) {
    if (confluent != null) {
      throw new IllegalStateException("a registry serde names its subject after the topic: "
          + "use encode(topic, record)");
    }
    return encode(null, record);
  }

  /** Encodes {@code record} in this serde's format; the topic names the subject in registry mode. */
  public byte[] encode(String topic, T record) {
    try {
      if (confluent == null) {
        return singleObject.encode(record);
      }
      if (topic == null) {
        throw new SerializationException("cannot encode " + type.getSimpleName()
            + " for the registry without a topic to name the subject");
      }
      return confluent.encode(TopicNameStrategy.subject(topic, isKey), record);
    } catch (SerializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": "
          + DecodeFailure.describe(e), e);
    }
  }

  /** Decodes either encoding; {@code null} (a tombstone) stays {@code null}. */
  public T decode(byte[] bytes) {
    return decode(null, bytes);
  }

  /** As {@link #decode(byte[])}; the topic only names where the record came from in errors. */
  public T decode(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String typeName = type.getSimpleName();
    if (bytes.length == 0) {
      throw DecodeFailure.of(typeName, topic, "empty value", null);
    }
    if (bytes[0] == WireFormat.SINGLE_OBJECT_MARKER) {
      return singleObject.decode(bytes, topic);
    }
    if (bytes[0] == WireFormat.CONFLUENT_MAGIC) {
      if (confluent == null) {
        throw DecodeFailure.of(typeName, topic, "Confluent wire-format record (magic byte 00, "
            + WireFormat.describePrefix(bytes) + ") but no schema registry is configured", null);
      }
      return confluent.decode(bytes, topic);
    }
    // "not a Klaxon <Type>" is the phrase dead-letter consumers already match on.
    throw DecodeFailure.of(typeName, topic, "not a Klaxon " + typeName + " record, unknown encoding, "
        + WireFormat.describePrefix(bytes)
        + " (expected Avro single-object C3 01 or Confluent wire format 00)", null);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : encode(topic, record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return this::decode;
  }

  @Override
  public String toString() {
    return "AvroSerde[" + type.getSimpleName() + (confluent == null ? ", embedded" : ", registry") + "]";
  }
}

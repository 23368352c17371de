package dev.klaxon.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for Klaxon's Avro records (design §5).
 *
 * <p>Writes Avro single-object encoding ({@code C3 01}, 8-byte schema fingerprint, Avro binary),
 * which needs no registry. Reads single-object encoding; the first byte tells the encodings apart,
 * and anything unrecognised fails with a {@link SerializationException} naming what was found, so
 * callers can dead-letter it.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  static final byte SINGLE_OBJECT_MARKER = (byte) 0xC3;

  private final Class<T> type;
  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
  }

  /** Registry-free serde: single-object encoding. */
  public static <T extends SpecificRecord> AvroSerde<T> embedded(Class<T> type) {
    return new AvroSerde<>(type);
  }

  public Schema schema() {
    return schema;
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      return Arrays.copyOfRange(buffer.array(), buffer.arrayOffset() + buffer.position(),
          buffer.arrayOffset() + buffer.limit());
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (bytes.length < 2 || bytes[0] != SINGLE_OBJECT_MARKER || bytes[1] != 0x01) {
      throw new SerializationException("not a Klaxon " + type.getSimpleName() + " record: "
          + describePrefix(bytes) + " (expected Avro single-object encoding C3 01)");
    }
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  static String describePrefix(byte[] bytes) {
    if (bytes.length == 0) {
      return "empty value";
    }
    StringBuilder hex = new StringBuilder("first bytes");
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      hex.append(String.format(" %02X", bytes[i]));
    }
    return hex.toString();
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, record) -> record == null ? null : encode(record);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }
}

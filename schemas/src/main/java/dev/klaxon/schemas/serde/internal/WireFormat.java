package dev.klaxon.schemas.serde.internal;

/** The two encodings the deserializer accepts, told apart by their first byte (design §5). */
public final class WireFormat {

  /** Avro single-object encoding: C3 01, 8-byte little-endian CRC-64-AVRO fingerprint, body. */
  public static final byte SINGLE_OBJECT_MARKER = (byte) 0xC3;
  public static final byte SINGLE_OBJECT_VERSION = 0x01;
  public static final int SINGLE_OBJECT_HEADER_LENGTH = 10;

  /** Confluent wire format: magic byte 0, 4-byte big-endian schema id, body. */
  public static final byte CONFLUENT_MAGIC = 0x00;
  public static final int CONFLUENT_HEADER_LENGTH = 5;

  private WireFormat() {}

  /** "empty value" or "first bytes 4A 6F 68 6E" (at most four), for error messages. */
  public static String describePrefix(byte[] bytes) {
    if (bytes.length == 0) {
      return "empty value";
    }
    StringBuilder hex = new StringBuilder("first bytes");
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      hex.append(String.format(" %02X", bytes[i]));
    }
    return hex.append(" (").append(bytes.length).append(" bytes)").toString();
  }
}

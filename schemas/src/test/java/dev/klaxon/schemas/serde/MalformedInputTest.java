package dev.klaxon.schemas.serde;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.registry.FakeSchemaRegistry;
import dev.klaxon.schemas.registry.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Whatever arrives, the deserializer either returns a record or says what it found. */
class MalformedInputTest {

  static final String TOPIC = "klaxon.requests";
  final AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
  final byte[] valid = serde.encode(Samples.request());

  @Test
  void emptyValue() {
    assertRefused(new byte[0], "cannot decode RequestEvent from topic klaxon.requests: empty value");
  }

  @Test
  void jsonInsteadOfAvro() {
    assertRefused("{\"service\":\"a\"}".getBytes(StandardCharsets.UTF_8),
        "not a Klaxon RequestEvent record, unknown encoding, first bytes 7B 22 73 65 (15 bytes) (expected Avro single-object C3 01 "
            + "or Confluent wire format 00)");
  }

  @Test
  void truncatedSingleObjectHeader() {
    assertRefused(Arrays.copyOf(valid, 6), "truncated single-object header: first bytes C3 01");
  }

  @Test
  void unknownSingleObjectFormatVersion() {
    byte[] bytes = valid.clone();
    bytes[1] = 0x02;
    assertRefused(bytes, "single-object marker C3 followed by 02, expected format version 01");
  }

  @Test
  void unknownFingerprint() {
    byte[] bytes = valid.clone();
    bytes[5] ^= 0x5A;
    assertRefused(bytes, "unknown schema fingerprint");
  }

  @Test
  void anotherRecordType() {
    byte[] logEvent = AvroSerde.embedded(LogEvent.class).encode((LogEvent) Samples.all().get(1));
    assertRefused(logEvent, "neither the current nor a released version of RequestEvent");
  }

  @Test
  void truncatedBody() {
    assertRefused(Arrays.copyOf(valid, valid.length - 3), "corrupt body (schema fingerprint");
  }

  @Test
  void bytesLeftOverAfterTheRecord() {
    assertRefused(Arrays.copyOf(valid, valid.length + 2), "bytes left over after the record");
  }

  @Test
  void absurdStringLength() {
    byte[] bytes = Arrays.copyOf(valid, 16);
    // First field (service) claims 1,000,000,000 bytes: zig-zag varint of 1e9.
    byte[] length = {(byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07};
    System.arraycopy(length, 0, bytes, 10, length.length);
    // Refused before Avro allocates the claimed gigabyte.
    assertRefused(bytes, "string length claims 1000000000 but the whole record is 16 bytes");
  }

  @Test
  void confluentRecordWithoutARegistry() {
    assertRefused(new byte[] {0, 0, 0, 0, 7, 2, 'a'},
        "Confluent wire-format record (magic byte 00, first bytes 00 00 00 00 (7 bytes)) but no "
            + "schema registry is configured");
  }

  @Test
  void truncatedConfluentHeader() throws Exception {
    try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
      AvroSerde<RequestEvent> withRegistry = AvroSerde.registry(RequestEvent.class,
          SchemaRegistryClient.builder(registry.url()).build(), false);

      assertThatThrownBy(() -> withRegistry.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("truncated Confluent header: first bytes 00 00 01 (3 bytes)");
      assertThatThrownBy(() -> withRegistry.decode(new byte[] {0x7F, 1, 2}))
          .isInstanceOf(SerializationException.class).hasMessageContaining("unknown encoding");
    }
  }

  private void assertRefused(byte[] bytes, String expectedMessagePart) {
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode RequestEvent from topic " + TOPIC + ": ")
        .hasMessageContaining(expectedMessagePart);
  }
}

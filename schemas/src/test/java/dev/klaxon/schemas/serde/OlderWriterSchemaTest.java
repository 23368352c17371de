package dev.klaxon.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.history.SchemaHistory;
import dev.klaxon.schemas.registry.FakeSchemaRegistry;
import dev.klaxon.schemas.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Data written by producers on an older release of a schema still decodes into today's class. */
class OlderWriterSchemaTest {

  static final SchemaHistory TEST_HISTORY =
      SchemaHistory.fromClasspath(OlderWriterSchemaTest.class.getClassLoader(), "test-history");
  static final Schema OLD = TEST_HISTORY.versions("RequestEvent").get(0);

  static GenericRecord oldEvent() {
    GenericRecord old = new GenericData.Record(OLD);
    old.put("service", "checkout-api");
    old.put("route", "POST /pay");
    old.put("status", 201);
    old.put("durationMs", 87.5);
    old.put("timestamp", 1_700_000_000_000L);
    old.put("userId", "u-7");
    old.put("requestId", null);
    return old;
  }

  static void assertUpgraded(RequestEvent event) {
    assertThat(event.getService()).isEqualTo("checkout-api");
    assertThat(event.getRoute()).isEqualTo("POST /pay");
    assertThat(event.getStatus()).isEqualTo(201);
    assertThat(event.getDurationMs()).isEqualTo(87.5);
    assertThat(event.getUserId()).isEqualTo("u-7");
    // Fields the old release did not have take their defaults.
    assertThat(event.getMethod()).isNull();
    assertThat(event.getEnvironment()).isNull();
    assertThat(event.getAttributes()).isEqualTo(Map.of());
  }

  @Test
  void singleObjectRecordOfAReleasedVersionDecodesWithDefaults() throws Exception {
    ByteBuffer old = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLD).encode(oldEvent());
    byte[] bytes = new byte[old.remaining()];
    old.get(bytes);
    AvroSerde<RequestEvent> serde =
        AvroSerde.embedded(RequestEvent.class, TEST_HISTORY.knownVersions(RequestEvent.getClassSchema()));

    assertUpgraded(serde.decode("klaxon.requests", bytes));
  }

  @Test
  void withoutThatVersionInTheHistoryTheRecordIsRefused() throws Exception {
    ByteBuffer old = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), OLD).encode(oldEvent());
    byte[] bytes = new byte[old.remaining()];
    old.get(bytes);

    assertThatThrownBy(() -> AvroSerde.embedded(RequestEvent.class).decode(bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void confluentRecordOfAnOlderRegisteredVersionDecodesWithDefaults() throws Exception {
    try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
      int oldId = registry.register("klaxon.requests-value", OLD);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {0, (byte) (oldId >>> 24), (byte) (oldId >>> 16), (byte) (oldId >>> 8), (byte) oldId});
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(OLD).write(oldEvent(), encoder);
      encoder.flush();
      AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class,
          SchemaRegistryClient.builder(registry.url()).build(), false);

      assertUpgraded(serde.decode("klaxon.requests", out.toByteArray()));
    }
  }

  @Test
  void historyListsReleasedVersionsOldestFirst() {
    assertThat(TEST_HISTORY.versions("RequestEvent")).hasSize(1);
    assertThat(TEST_HISTORY.versions("RequestEvent").get(0).getField("environment")).isNull();
    assertThat(TEST_HISTORY.versions("NeverReleased")).isEmpty();
    assertThat(SchemaHistory.bundled().versions("RequestEvent")).isNotEmpty();
  }
}

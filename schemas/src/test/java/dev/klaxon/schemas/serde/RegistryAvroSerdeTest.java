package dev.klaxon.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.registry.FakeSchemaRegistry;
import dev.klaxon.schemas.registry.SchemaRegistryClient;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryAvroSerdeTest {

  static final String TOPIC = "klaxon.requests";

  FakeSchemaRegistry registry;
  SchemaRegistryClient client;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeSchemaRegistry();
    client = SchemaRegistryClient.builder(registry.url()).build();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  static List<SpecificRecord> samples() {
    return Samples.all();
  }

  @SuppressWarnings("unchecked")
  <T extends SpecificRecord> AvroSerde<T> registryFor(T record, boolean isKey) {
    return AvroSerde.registry((Class<T>) record.getClass(), client, isKey);
  }

  @ParameterizedTest
  @MethodSource("samples")
  <T extends SpecificRecord> void roundTripsInConfluentWireFormat(T record) {
    AvroSerde<T> serde = registryFor(record, false);

    byte[] bytes = serde.serializer().serialize(TOPIC, record);

    int id = client.latestVersion(TOPIC + "-value").id();
    assertThat(bytes).startsWith(0, id >>> 24, (id >>> 16) & 0xFF, (id >>> 8) & 0xFF, id & 0xFF);
    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(record);
  }

  @Test
  void keySerdesUseTheKeySubject() {
    AvroSerde<RequestEvent> keys = AvroSerde.registry(RequestEvent.class, client, true);

    keys.encode(TOPIC, Samples.request());

    assertThat(registry.requests("POST /subjects/klaxon.requests-key/versions")).isEqualTo(1);
    assertThat(registry.requests("POST /subjects/klaxon.requests-value/versions")).isZero();
  }

  @Test
  void registersOncePerSubject() {
    AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class, client, false);

    for (int i = 0; i < 3; i++) {
      serde.encode(TOPIC, Samples.request());
    }
    serde.encode("replay.requests", Samples.request());

    assertThat(registry.requests("POST /subjects/klaxon.requests-value/versions")).isEqualTo(1);
    assertThat(registry.requests("POST /subjects/replay.requests-value/versions")).isEqualTo(1);
  }

  @Test
  void fetchesEachWriterSchemaOnce() {
    byte[] bytes = AvroSerde.registry(RequestEvent.class, client, false).encode(TOPIC, Samples.request());
    SchemaRegistryClient consumerSide = SchemaRegistryClient.builder(registry.url()).build();
    AvroSerde<RequestEvent> reader = AvroSerde.registry(RequestEvent.class, consumerSide, false);
    int before = registry.totalRequests();

    for (int i = 0; i < 5; i++) {
      assertThat(reader.decode(TOPIC, bytes)).isEqualTo(Samples.request());
    }

    assertThat(registry.totalRequests() - before).isEqualTo(1);
  }

  @Test
  void tellsTheEncodingsApartByTheFirstByte() {
    AvroSerde<RequestEvent> withRegistry = AvroSerde.registry(RequestEvent.class, client, false);
    AvroSerde<RequestEvent> embedded = AvroSerde.embedded(RequestEvent.class);
    byte[] confluent = withRegistry.encode(TOPIC, Samples.request());
    byte[] singleObject = embedded.encode(Samples.request());

    assertThat(withRegistry.decode(TOPIC, singleObject)).isEqualTo(Samples.request());
    assertThat(withRegistry.decode(TOPIC, confluent)).isEqualTo(Samples.request());
    assertThatThrownBy(() -> embedded.decode(TOPIC, confluent))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("no schema registry is configured");
  }

  @Test
  void aRegistrySerdeNeedsTheTopicToEncode() {
    AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class, client, false);

    assertThatThrownBy(() -> serde.encode(Samples.request()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("encode(topic, record)");
    assertThatThrownBy(() -> serde.serializer().serialize(null, Samples.request()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("without a topic");
  }

  @Test
  void aRefusedRegistrationFailsSerializationNamingTheSubject() {
    Schema statusAsString = SchemaBuilder.record("RequestEvent").namespace("dev.klaxon.schemas")
        .fields().requiredString("service").requiredString("status").endRecord();
    registry.register(TOPIC + "-value", statusAsString);
    AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class, client, false);

    assertThatThrownBy(() -> serde.encode(TOPIC, Samples.request()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("cannot encode RequestEvent")
        .hasMessageContaining("subject 'klaxon.requests-value'")
        .hasMessageContaining("HTTP 409")
        .hasCauseInstanceOf(SchemaRegistryException.class);
  }

  @Test
  void anUnknownSchemaIdIsAPoisonRecord() {
    AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class, client, false);

    assertThatThrownBy(() -> serde.decode(TOPIC, new byte[] {0, 0, 0, 3, (byte) 0xE7, 2, 'a'}))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode RequestEvent from topic klaxon.requests: schema id 999")
        .hasMessageContaining("40403");
  }

  @Test
  void aRecordOfAnotherTypeIsRefusedByName() {
    byte[] logBytes = AvroSerde.registry(LogEvent.class, client, false)
        .encode("klaxon.logs", (LogEvent) Samples.all().get(1));
    AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class, client, false);

    assertThatThrownBy(() -> serde.decode(TOPIC, logBytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("is not RequestEvent (the record was written as dev.klaxon.schemas.LogEvent)");
  }

  @Test
  void anUnreachableRegistryIsNotMistakenForABadRecord() throws IOException {
    byte[] bytes = AvroSerde.registry(RequestEvent.class, client, false).encode(TOPIC, Samples.request());
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AvroSerde<RequestEvent> cutOff = AvroSerde.registry(RequestEvent.class,
        SchemaRegistryClient.builder("http://127.0.0.1:" + closedPort).build(), false);

    assertThatThrownBy(() -> cutOff.decode(TOPIC, bytes))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isRetriable()).isTrue())
        .isNotInstanceOf(SerializationException.class);
  }

  @Test
  void corruptBodyAfterAValidHeader() {
    AvroSerde<RequestEvent> serde = AvroSerde.registry(RequestEvent.class, client, false);
    byte[] bytes = serde.encode(TOPIC, Samples.request());
    ByteBuffer truncated = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
    byte[] cut = new byte[truncated.remaining()];
    truncated.get(cut);

    assertThatThrownBy(() -> serde.decode(TOPIC, cut))
        .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt body (schema id");
  }
}

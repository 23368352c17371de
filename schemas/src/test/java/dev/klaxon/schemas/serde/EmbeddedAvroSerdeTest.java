package dev.klaxon.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedAvroSerdeTest {

  static List<SpecificRecord> samples() {
    return Samples.all();
  }

  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> AvroSerde<T> embeddedFor(T record) {
    return AvroSerde.embedded((Class<T>) record.getClass());
  }

  @ParameterizedTest
  @MethodSource("samples")
  <T extends SpecificRecord> void roundTripsInSingleObjectEncoding(T record) {
    AvroSerde<T> serde = embeddedFor(record);

    byte[] bytes = serde.serializer().serialize("klaxon.any", record);

    assertThat(bytes).startsWith(0xC3, 0x01);
    assertThat(serde.deserializer().deserialize("klaxon.any", bytes)).isEqualTo(record);
    assertThat(serde.decode(serde.encode(record))).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("samples")
  <T extends SpecificRecord> void writesAndReadsTheSameBytesAsAvrosOwnMessageCodec(T record)
      throws Exception {
    AvroSerde<T> serde = embeddedFor(record);
    SpecificData model = SpecificData.getForClass(record.getClass());
    ByteBuffer avro = new BinaryMessageEncoder<T>(model, serde.schema()).encode(record);
    byte[] avroBytes = new byte[avro.remaining()];
    avro.get(avroBytes);

    assertThat(serde.encode(record)).isEqualTo(avroBytes);
    assertThat(new BinaryMessageDecoder<T>(model, serde.schema()).decode(serde.encode(record)))
        .isEqualTo(record);
  }

  @Test
  void tombstonesStayNull() {
    AvroSerde<dev.klaxon.schemas.RequestEvent> serde = AvroSerde.embedded(dev.klaxon.schemas.RequestEvent.class);

    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.decode(null)).isNull();
    assertThat(serde.usesRegistry()).isFalse();
  }

  @Test
  void oneSerdeEncodesAndDecodesFromManyThreadsAtOnce() throws Exception {
    AvroSerde<dev.klaxon.schemas.RequestEvent> serde = AvroSerde.embedded(dev.klaxon.schemas.RequestEvent.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int matching = 0;
          for (int i = 0; i < 5_000; i++) {
            var record = Samples.request();
            record.setStatus(100 + (thread * 5_000 + i) % 500);
            record.setRoute("GET /r/" + thread + "/" + i);
            if (serde.decode(serde.encode(record)).equals(record)) {
              matching++;
            }
          }
          return matching;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(5_000);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

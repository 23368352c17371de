package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayFixture.ADMIN_KEY;
import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.GatewayHttp.NDJSON;
import static dev.klaxon.gateway.GatewayHttp.bearer;
import static dev.klaxon.gateway.GatewayHttp.json;
import static dev.klaxon.gateway.TestEvents.array;
import static dev.klaxon.gateway.TestEvents.cost;
import static dev.klaxon.gateway.TestEvents.log;
import static dev.klaxon.gateway.TestEvents.ndjson;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Events posted over HTTP are in the input topics with exactly the values sent, keyed per design §3. */
@KafkaIntegrationTest
class RoundTripIntegrationTest {

  private static final AvroSerde<RequestEvent> REQUESTS = AvroSerde.embedded(RequestEvent.class);
  private static final AvroSerde<LogEvent> LOGS = AvroSerde.embedded(LogEvent.class);
  private static final AvroSerde<CostEvent> COSTS = AvroSerde.embedded(CostEvent.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Test
  void oneObjectWithEveryFieldArrivesExactly(KafkaTestEnv env) {
    Topics topics = env.createTopics(3);
    long timestamp = System.currentTimeMillis() - 1234;
    String iso = Instant.ofEpochMilli(timestamp).toString();
    try (IngestGateway gateway = IngestGateway.start(GatewayFixture.withKeys(env))) {
      HttpResponse<String> response = new GatewayHttp(gateway).post("""
          {"type":"request","service":"checkout","route":"/cart/{id}","method":"POST","status":503,
           "durationMs":1234.5,"timestamp":"%s","userId":"u-7","requestId":"r-1","environment":"production",
           "attributes":{"region":"eu-west-1","pod":"checkout-7f9"}}""".formatted(iso),
          "Content-Type", JSON, "Authorization", bearer(ADMIN_KEY));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      assertThat(json(response).get("accepted").asInt()).isEqualTo(1);
      ConsumerRecord<String, byte[]> record = env.read(topics.requests(), new StringDeserializer(),
          new ByteArrayDeserializer(), 1, READ_TIMEOUT).get(0);
      assertThat(record.key()).isEqualTo("checkout");
      assertThat(record.timestamp()).isEqualTo(timestamp);
      assertThat(REQUESTS.decode(record.value())).isEqualTo(RequestEvent.newBuilder()
          .setService("checkout").setRoute("/cart/{id}").setMethod("POST").setStatus(503).setDurationMs(1234.5)
          .setTimestamp(timestamp).setUserId("u-7").setRequestId("r-1").setEnvironment("production")
          .setAttributes(Map.of("region", "eu-west-1", "pod", "checkout-7f9")).build());
    }
  }

  @Test
  void arrayOfMixedTypesGoesToEachTopicKeyed(KafkaTestEnv env) {
    Topics topics = env.createTopics(3);
    long t = System.currentTimeMillis();
    try (IngestGateway gateway = IngestGateway.start(GatewayFixture.demo(env))) {
      HttpResponse<String> response = new GatewayHttp(gateway).post(array(
              request("search", "/q", 200, 8.25, t),
              log("search", "ERROR", "upstream timed out", t + 1),
              cost("chat", "user-42", "openai", "0.012345", t + 2)),
          "Content-Type", JSON);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      assertThat(json(response).get("accepted").asInt()).isEqualTo(3);

      ConsumerRecord<String, byte[]> requestRecord = readOne(env, topics.requests());
      assertThat(requestRecord.key()).isEqualTo("search");
      RequestEvent request = REQUESTS.decode(requestRecord.value());
      assertThat(request.getRoute()).isEqualTo("/q");
      assertThat(request.getDurationMs()).isEqualTo(8.25);
      assertThat(request.getTimestamp()).isEqualTo(t);

      ConsumerRecord<String, byte[]> logRecord = readOne(env, topics.logs());
      assertThat(logRecord.key()).isEqualTo("search");
      assertThat(logRecord.timestamp()).isEqualTo(t + 1);
      LogEvent log = LOGS.decode(logRecord.value());
      assertThat(log.getLevel()).isEqualTo(LogLevel.error);
      assertThat(log.getMessage()).isEqualTo("upstream timed out");

      ConsumerRecord<String, byte[]> costRecord = readOne(env, topics.costs());
      assertThat(costRecord.key()).isEqualTo("user-42");
      CostEvent cost = COSTS.decode(costRecord.value());
      assertThat(cost.getService()).isEqualTo("chat");
      assertThat(cost.getProvider()).isEqualTo("openai");
      assertThat(cost.getCostUsd()).isEqualByComparingTo(new BigDecimal("0.012345"));
      assertThat(cost.getTimestamp()).isEqualTo(t + 2);
    }
  }

  @Test
  void gzipNdjsonIsAcknowledgedBeforeTheAnswer(KafkaTestEnv env) throws Exception {
    Topics topics = env.createTopics(3);
    long t = System.currentTimeMillis();
    String[] lines = new String[250];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = request("svc-" + (i % 7), "/r/" + i, 200 + (i % 300), i, t + i);
    }
    try (IngestGateway gateway = IngestGateway.start(GatewayFixture.demo(env));
        Admin admin = Admin.create(env.kafka().clientProperties())) {
      HttpResponse<String> response = new GatewayHttp(gateway).post(
          RejectionIntegrationTest.gzip(ndjson(lines).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
          "Content-Type", NDJSON, "Content-Encoding", "gzip");

      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      // 202 means acknowledged with acks=all: the records are below the high watermark already, no waiting.
      Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topics.requests())).allTopicNames().get()
          .get(topics.requests()).partitions().stream()
          .collect(Collectors.toMap(p -> new TopicPartition(topics.requests(), p.partition()), p -> OffsetSpec.latest()));
      long written = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
      assertThat(written).isEqualTo(lines.length);

      List<ConsumerRecord<String, byte[]>> records = env.read(topics.requests(), new StringDeserializer(),
          new ByteArrayDeserializer(), lines.length, READ_TIMEOUT);
      assertThat(records).hasSize(lines.length).allSatisfy(record -> {
        RequestEvent event = REQUESTS.decode(record.value());
        int i = Integer.parseInt(event.getRoute().substring(3));
        assertThat(record.key()).isEqualTo("svc-" + (i % 7)).isEqualTo(event.getService());
        assertThat(event.getStatus()).isEqualTo(200 + (i % 300));
        assertThat(event.getDurationMs()).isEqualTo(i);
        assertThat(record.timestamp()).isEqualTo(t + i);
      });
      assertThat(records).extracting(r -> REQUESTS.decode(r.value()).getRoute()).doesNotHaveDuplicates();
    }
  }

  private static ConsumerRecord<String, byte[]> readOne(KafkaTestEnv env, String topic) {
    List<ConsumerRecord<String, byte[]>> records =
        env.read(topic, new StringDeserializer(), new ByteArrayDeserializer(), 1, READ_TIMEOUT);
    assertThat(records).hasSize(1);
    return records.get(0);
  }
}

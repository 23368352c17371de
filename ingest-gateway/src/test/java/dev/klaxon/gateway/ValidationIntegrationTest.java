package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.GatewayHttp.json;
import static dev.klaxon.gateway.TestEvents.array;
import static dev.klaxon.gateway.TestEvents.cost;
import static dev.klaxon.gateway.TestEvents.log;
import static dev.klaxon.gateway.TestEvents.now;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every validation rule answers 400 with each bad field, and a batch with any bad item writes nothing. */
@KafkaIntegrationTest
class ValidationIntegrationTest {

  private static KafkaTestEnv env;
  private static IngestGateway gateway;
  private static GatewayHttp http;

  @BeforeAll
  static void start(KafkaTestEnv testEnv) {
    env = testEnv;
    env.createTopics(1);
    gateway = IngestGateway.start(GatewayFixture.demo(env));
    http = new GatewayHttp(gateway);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  /** The {@code errors} of a 400 answer as "index field: message" lines. */
  private static List<String> errorsOf(String body) {
    HttpResponse<String> response = http.post(body, "Content-Type", JSON);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));
    List<String> errors = new ArrayList<>();
    for (JsonNode error : json(response).get("errors")) {
      errors.add(error.get("index").asInt() + " " + error.get("field").asText() + ": " + error.get("message").asText());
    }
    return errors;
  }

  @Test
  void unknownType() {
    assertThat(errorsOf("{\"type\":\"metric\",\"service\":\"a\"}"))
        .singleElement().asString().startsWith("0 type: ").contains("request, log, cost").contains("metric");
  }

  @Test
  void wrongTypes() {
    long now = now();
    assertThat(errorsOf("""
        {"type":"request","service":42,"route":"/a","status":"200","durationMs":"fast","timestamp":%d}""".formatted(now)))
        .hasSize(3)
        .anySatisfy(e -> assertThat(e).startsWith("0 service: ").contains("must be a string"))
        .anySatisfy(e -> assertThat(e).startsWith("0 status: ").contains("must be an integer"))
        .anySatisfy(e -> assertThat(e).startsWith("0 durationMs: "));
  }

  @Test
  void missingFields() {
    assertThat(errorsOf("{\"type\":\"request\"}"))
        .extracting(e -> e.substring(0, e.indexOf(':')))
        .containsExactlyInAnyOrder("0 service", "0 route", "0 status", "0 durationMs", "0 timestamp");
    assertThat(errorsOf("{\"type\":\"cost\",\"service\":\"chat\",\"timestamp\":" + now() + "}"))
        .extracting(e -> e.substring(0, e.indexOf(':')))
        .containsExactlyInAnyOrder("0 userId", "0 provider", "0 costUsd");
  }

  @Test
  void negativeDurationsAndCosts() {
    assertThat(errorsOf(array(request("checkout", "/a", 200, -1, now()), cost("chat", "u1", "openai", "-0.01", now()))))
        .hasSize(2)
        .anySatisfy(e -> assertThat(e).startsWith("0 durationMs: "))
        .anySatisfy(e -> assertThat(e).startsWith("1 costUsd: "));
  }

  @Test
  void absurdDurationsAndCostsAreRefusedNamingTheFieldAndNothingIsWritten() {
    assertThat(errorsOf(array(
        request("absurd", "/a", 200, 12, now()),
        request("absurd", "/a", 200, 1e300, now()),
        cost("absurd", "u1", "openai", "250000", now()))))
        .containsExactly("1 durationMs: durationMs must be at most 1d, got 1.0E300",
            "2 costUsd: costUsd must be at most 10000 per event, got 250000");

    assertThat(requestKeysWrittenUpTo("absurd-marker")).doesNotContain("absurd");
  }

  @Test
  void statusOutOfRange() {
    assertThat(errorsOf(array(request("checkout", "/a", 99, 1, now()), request("checkout", "/a", 600, 1, now()))))
        .containsExactly("0 status: status must be between 100 and 599, got 99",
            "1 status: status must be between 100 and 599, got 600");
  }

  @Test
  void farFutureTimestamps() {
    long inTwoDays = now() + Duration.ofDays(2).toMillis();
    assertThat(errorsOf(request("checkout", "/a", 200, 1, inTwoDays)))
        .singleElement().asString().startsWith("0 timestamp: ").contains("must not be more than");
  }

  @Test
  void tooLongStrings() {
    assertThat(errorsOf(request("s".repeat(257), "/a", 200, 1, now())))
        .singleElement().asString().startsWith("0 service: ").contains("at most 256 characters");
    assertThat(errorsOf(log("checkout", "info", "m".repeat(16 * 1024 + 1), now())))
        .singleElement().asString().startsWith("0 message: ");
  }

  @Test
  void malformedJson() {
    HttpResponse<String> response = http.post("[{\"type\":\"request\",", "Content-Type", JSON);

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = json(response).get("errors").get(0);
    assertThat(error.get("field").isNull()).isTrue();
    assertThat(error.get("message").asText()).contains("malformed JSON").contains("line 1");
    assertThat(errorsOf("")).singleElement().asString().contains("no events");
  }

  @Test
  void listsEveryBadFieldOfEveryItemAndWritesNothing() {
    long now = now();
    List<String> errors = errorsOf(array(
        request("invalid-batch", "/ok", 200, 1, now),
        request("invalid-batch", "/a", 700, -5, now),
        log("invalid-batch", "loud", "x", now)));

    assertThat(errors).extracting(e -> e.substring(0, e.indexOf(':')))
        .containsExactlyInAnyOrder("1 status", "1 durationMs", "2 level");

    assertThat(requestKeysWrittenUpTo("marker")).doesNotContain("invalid-batch");
  }

  /**
   * Sends a valid request from {@code markerService} and returns the keys of the requests topic up
   * to it: a refused batch sent before, had anything of it been written, would be among them (one
   * partition, so in order).
   */
  private static List<String> requestKeysWrittenUpTo(String markerService) {
    assertThat(http.post(request(markerService), "Content-Type", JSON).statusCode()).isEqualTo(202);
    List<ConsumerRecord<String, byte[]>> written = env.readUntil(env.topics().requests(), new StringDeserializer(),
        new ByteArrayDeserializer(), read -> read.stream().anyMatch(r -> markerService.equals(r.key())),
        Duration.ofSeconds(30));
    List<String> keys = written.stream().map(ConsumerRecord::key).toList();
    assertThat(keys).contains(markerService);
    return keys;
  }
}

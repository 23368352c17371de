package dev.klaxon.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spend API of running cost roles on the embedded broker: one instance, then two sharing the users. */
@KafkaIntegrationTest
class SpendApiIntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final AvroSerde<CostEvent> events = AvroSerde.embedded(CostEvent.class);

  @TempDir Path stateDir;

  @Test
  void oneInstanceAnswersAUsersDayAndMonthAndTheTopFromItsStore(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.createTopics(1);
    long now = Instant.now().toEpochMilli();
    produce(kafka, topics, List.of(
        cost("alice", "openai", "1.000000001", now - 2000),
        cost("alice", "anthropic", "0.25", now - 1000),
        cost("bob", "openai", "3", now - 1000)));

    try (CostAggregator cost = CostAggregator.start(SpendConfig.defaults(topics), settings(kafka, "solo"))) {
      int port = cost.httpPort();
      assertThat(cost.describe()).contains("reads " + topics.costs()).contains("writes " + topics.spendMetrics())
          .contains("on port " + port).contains("127.0.0.1:" + port);

      JsonNode alice = awaitAnswer(port, "/api/v1/spend/users/alice", body -> body.path("events").asLong() == 2);
      assertThat(alice.path("costUsd").decimalValue()).isEqualByComparingTo("1.250000001");
      assertThat(alice.path("period").asText()).isEqualTo("day");
      assertThat(alice.path("providers").findValuesAsText("provider")).containsExactly("openai", "anthropic");
      JsonNode month = get(port, "/api/v1/spend/users/alice?period=month").body;
      assertThat(month.path("costUsd").decimalValue()).isEqualByComparingTo("1.250000001");
      assertThat(month.path("start").asText()).endsWith("-01T00:00:00Z");

      JsonNode top = get(port, "/api/v1/spend/top?period=day&limit=1").body;
      assertThat(top.path("users").findValuesAsText("userId")).containsExactly("bob");
      assertThat(top.path("instances").asInt()).isEqualTo(1);

      Answer badPeriod = get(port, "/api/v1/spend/top?period=week");
      assertThat(badPeriod.status).isEqualTo(400);
      assertThat(badPeriod.body.path("error").asText()).startsWith("parameter 'period'");
      assertThat(get(port, "/api/v1/spend/nope").status).isEqualTo(404);
      assertThat(get(port, "/metrics").status).as("beside the spend API").isEqualTo(200);
    }
  }

  @Test
  void twoInstancesWithOneApplicationIdEachAnswerForUsersOnEitherInstance(KafkaTestEnv kafka) throws Exception {
    Topics topics = kafka.createTopics(2);
    long now = Instant.now().toEpochMilli();
    List<String> users = new ArrayList<>();
    List<CostEvent> costs = new ArrayList<>();
    for (int partition = 0; partition < 2; partition++) {
      for (String user : usersOnPartition(partition, 2, 3)) {
        users.add(user);
        int rank = users.size();
        costs.add(cost(user, "openai", rank + ".000000001", now - 1000));
        costs.add(cost(user, "gemini", "0.5", now - 500));
      }
    }
    produce(kafka, topics, costs);

    try (CostAggregator a = CostAggregator.start(SpendConfig.defaults(topics), settings(kafka, "a"));
        CostAggregator b = CostAggregator.start(SpendConfig.defaults(topics), settings(kafka, "b"))) {
      await("both instances running, each holding a partition of the user store").atMost(PATIENCE).until(() ->
          a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING
              && a.streams().streamsMetadataForStore(SpendTopology.WINDOW_STORE).size() == 2
              && a.streams().metadataForLocalThreads().stream().noneMatch(t -> t.activeTasks().isEmpty())
              && b.streams().metadataForLocalThreads().stream().noneMatch(t -> t.activeTasks().isEmpty()));

      for (int i = 0; i < users.size(); i++) {
        String user = users.get(i);
        BigDecimal expected = new BigDecimal((i + 1) + ".500000001");
        for (CostAggregator instance : List.of(a, b)) {
          JsonNode answer = awaitAnswer(instance.httpPort(), "/api/v1/spend/users/" + user,
              body -> body.path("events").asLong() == 2);
          assertThat(answer.path("costUsd").decimalValue()).as(user + " via " + instance.httpPort())
              .isEqualByComparingTo(expected);
        }
      }
      for (CostAggregator instance : List.of(a, b)) {
        JsonNode top = get(instance.httpPort(), "/api/v1/spend/top?limit=4").body;
        assertThat(top.path("instances").asInt()).isEqualTo(2);
        assertThat(top.path("users").findValuesAsText("userId"))
            .containsExactly(users.get(5), users.get(4), users.get(3), users.get(2));
      }
    }
  }

  /** {@code count} user ids the default partitioner puts on {@code partition} of {@code partitions}. */
  private static List<String> usersOnPartition(int partition, int partitions, int count) {
    List<String> users = new ArrayList<>();
    for (int i = 0; users.size() < count; i++) {
      String user = "user-" + i;
      if (Utils.toPositive(Utils.murmur2(user.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
        users.add(user);
      }
    }
    return users;
  }

  private CostSettings settings(KafkaTestEnv kafka, String instance) {
    return new CostSettings(kafka.bootstrapServers(), kafka.applicationId(), stateDir.resolve(instance),
        Duration.ofMillis(100), 1, 0, "127.0.0.1", Map.of(), Optional.empty());
  }

  private static CostEvent cost(String user, String provider, String usd, long timestamp) {
    return CostEvent.newBuilder().setService("llm-gateway").setUserId(user).setProvider(provider)
        .setCostUsd(new BigDecimal(usd)).setTimestamp(timestamp).build();
  }

  private void produce(KafkaTestEnv kafka, Topics topics, List<CostEvent> costs) {
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      for (CostEvent event : costs) {
        producer.send(new ProducerRecord<>(topics.costs(), null, event.getTimestamp(), event.getUserId(),
            events.encode(event)));
      }
    }
  }

  private JsonNode awaitAnswer(int port, String path, java.util.function.Predicate<JsonNode> complete) {
    JsonNode[] last = new JsonNode[1];
    await(path).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
      Answer answer = get(port, path);
      last[0] = answer.body;
      return answer.status == 200 && complete.test(answer.body);
    });
    return last[0];
  }

  private Answer get(int port, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().startsWith("{") ? json.readTree(response.body()) : json.createObjectNode();
    return new Answer(response.statusCode(), body);
  }

  private record Answer(int status, JsonNode body) {}
}

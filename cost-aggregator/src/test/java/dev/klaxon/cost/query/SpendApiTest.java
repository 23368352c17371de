package dev.klaxon.cost.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.cost.SpendTopology;
import dev.klaxon.runtime.OpsServer;
import dev.klaxon.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's refusals, before any store is read: on a Streams app that is built but not started. */
class SpendApiTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private KafkaStreams streams;
  private OpsServer server;

  @BeforeEach
  void start() throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spend-api-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("spend-api-test").toString());
    streams = new KafkaStreams(SpendTopology.build(SpendConfig.defaults(Topics.defaults())), props);
    server = OpsServer.bind(0);
    server.serve(() -> "", () -> true, () -> true,
        Map.of(SpendApi.PREFIX, SpendApi.of(streams, new HostInfo("127.0.0.1", server.port()))));
  }

  @AfterEach
  void stop() {
    server.close();
    streams.close();
  }

  @Test
  void aBadParameterIsA400NamingIt() throws Exception {
    assertThat(get("/api/v1/spend/users/alice?period=year")).isEqualTo(
        "400 {\"error\":\"parameter 'period': must be day or month, got 'year'\"}");
    assertThat(get("/api/v1/spend/top?limit=0")).isEqualTo(
        "400 {\"error\":\"parameter 'limit': must be a whole number from 1 to 1000, got '0'\"}");
    assertThat(get("/api/v1/spend/top?limit=ten")).startsWith("400 {\"error\":\"parameter 'limit'");
    assertThat(get("/api/v1/spend/top?lmit=3")).isEqualTo(
        "400 {\"error\":\"parameter 'lmit': unknown here; known: limit, period\"}");
    assertThat(get("/api/v1/spend/top?period=day&period=month")).isEqualTo(
        "400 {\"error\":\"parameter 'period': given twice\"}");
  }

  @Test
  void anUnknownPathIsA404AndAnythingButGetA405() throws Exception {
    assertThat(get("/api/v1/spend/users/")).startsWith("404 {\"error\":\"no such path: /api/v1/spend/users/;");
    assertThat(get("/api/v1/spend/users/alice/providers")).startsWith("404 ");
    assertThat(get("/api/v2/anything")).startsWith("404 ");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/api/v1/spend/top"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET");
  }

  @Test
  void anAppThatIsNotRunningAnswers503WithRetryAfter() throws Exception {
    HttpResponse<String> user = http.send(HttpRequest.newBuilder(uri("/api/v1/spend/users/alice")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(user.statusCode()).isEqualTo(503);
    assertThat(user.headers().firstValue("Retry-After")).contains("1");
    assertThat(user.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(user.body()).contains("the cost role is CREATED, not RUNNING");
    assertThat(get("/api/v1/spend/top?period=month")).startsWith("503 ");
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}

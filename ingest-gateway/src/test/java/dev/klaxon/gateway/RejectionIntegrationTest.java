package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayFixture.ADMIN_KEY;
import static dev.klaxon.gateway.GatewayFixture.CHECKOUT_KEY;
import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.GatewayHttp.NDJSON;
import static dev.klaxon.gateway.GatewayHttp.bearer;
import static dev.klaxon.gateway.GatewayHttp.json;
import static dev.klaxon.gateway.TestEvents.array;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each refusal of the HTTP contract: status, headers, a message that helps, and no secret in it. */
@KafkaIntegrationTest
class RejectionIntegrationTest {

  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_DECOMPRESSED = 256 * 1024;

  private static IngestGateway gateway;
  private static GatewayHttp http;

  @BeforeAll
  static void start(KafkaTestEnv env) {
    env.createTopics(1);
    GatewayConfig config = GatewayFixture.withKeys(env);
    gateway = IngestGateway.start(config.withHttp(config.http().withMaxBodyBytes(MAX_BODY, MAX_DECOMPRESSED)));
    http = new GatewayHttp(gateway);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void missingKeyIs401WithAChallenge() {
    HttpResponse<String> response = http.post(request("checkout"), "Content-Type", JSON);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"klaxon\"");
    assertThat(json(response).get("error").asText()).contains("Authorization: Bearer");
  }

  @Test
  void everyAnswerCarriesTheRequestIdTheClientSentOrOneMadeUp() {
    HttpResponse<String> echoed = http.post(request("checkout"), "Content-Type", JSON, "X-Request-Id", "trace-7.a:b");
    HttpResponse<String> madeUp = http.post(request("checkout"), "Content-Type", JSON, "X-Request-Id", "no spaces\tplease");

    assertThat(echoed.headers().firstValue("X-Request-Id")).contains("trace-7.a:b");
    assertThat(madeUp.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
        assertThat(id).matches("[0-9a-f-]{36}"));
  }

  @Test
  void unknownKeyIs401AndNotEchoed() {
    String guess = ADMIN_KEY.substring(0, ADMIN_KEY.length() - 1) + "X";
    HttpResponse<String> response = http.post(request("checkout"), "Content-Type", JSON, "Authorization", bearer(guess));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("invalid_token"));
    assertThat(response.body()).doesNotContain(guess).doesNotContain(ADMIN_KEY);
    assertThat(http.post(request("checkout"), "Content-Type", JSON, "Authorization", "Basic " + ADMIN_KEY)
        .statusCode()).isEqualTo(401);
  }

  @Test
  void keyLimitedToServicesIs403NamingTheOthers() {
    HttpResponse<String> response = http.post(array(request("checkout"), request("search"), request("ads")),
        "Content-Type", JSON, "Authorization", bearer(CHECKOUT_KEY));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json(response).get("error").asText()).contains("'checkout'").contains("ads, search")
        .doesNotContain(CHECKOUT_KEY);
    assertThat(http.post(array(request("checkout"), request("payments")), "Content-Type", JSON,
        "Authorization", bearer(CHECKOUT_KEY)).statusCode()).isEqualTo(202);
    assertThat(http.post(request("search"), "Content-Type", JSON, "Authorization", bearer(ADMIN_KEY))
        .statusCode()).isEqualTo(202);
  }

  @Test
  void declaredBodyTooLargeIs413() {
    HttpResponse<String> response = http.post(new byte[MAX_BODY + 1], "Content-Type", JSON,
        "Authorization", bearer(ADMIN_KEY));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("error").asText()).contains(Integer.toString(MAX_BODY));
  }

  @Test
  void chunkedBodyTooLargeIs413() {
    byte[] body = ndjsonOfSize(MAX_BODY + 1000);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/v1/events"))
        .POST(chunked(body));

    HttpResponse<String> response = GatewayHttp.send(request, "Content-Type", NDJSON,
        "Authorization", bearer(ADMIN_KEY));

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void gzipBombIs413() throws IOException {
    byte[] bomb = gzip(ndjsonOfSize(MAX_DECOMPRESSED + 1));
    assertThat(bomb.length).isLessThan(MAX_BODY);

    HttpResponse<String> response = http.post(bomb, "Content-Type", NDJSON, "Content-Encoding", "gzip",
        "Authorization", bearer(ADMIN_KEY));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("error").asText()).contains("decompressed");
  }

  @Test
  void notGzipDespiteTheHeaderIs400() {
    HttpResponse<String> response = http.post(request("checkout"), "Content-Type", JSON, "Content-Encoding", "gzip",
        "Authorization", bearer(ADMIN_KEY));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).contains("not valid gzip");
  }

  @Test
  void wrongContentTypeOrEncodingIs415() {
    String auth = bearer(ADMIN_KEY);
    assertThat(http.post(request("checkout"), "Content-Type", "text/plain", "Authorization", auth).statusCode())
        .isEqualTo(415);
    assertThat(http.post(request("checkout"), "Authorization", auth).statusCode()).isEqualTo(415);
    assertThat(http.post(request("checkout"), "Content-Type", "application/json; charset=iso-8859-1",
        "Authorization", auth).statusCode()).isEqualTo(415);
    HttpResponse<String> brotli = http.post(request("checkout"), "Content-Type", JSON, "Content-Encoding", "br",
        "Authorization", auth);
    assertThat(brotli.statusCode()).isEqualTo(415);
    assertThat(json(brotli).get("error").asText()).contains("gzip");
    assertThat(http.post(request("checkout"), "Content-Type", "application/json; charset=UTF-8",
        "Authorization", auth).statusCode()).isEqualTo(202);
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<String> get = http.send("GET", "/v1/events", "Authorization", bearer(ADMIN_KEY));
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    HttpResponse<String> postHealth = http.send("POST", "/health/live");
    assertThat(postHealth.statusCode()).isEqualTo(405);
    assertThat(postHealth.headers().firstValue("Allow")).hasValue("GET");
    assertThat(http.send("DELETE", "/metrics").statusCode()).isEqualTo(405);
  }

  @Test
  void unknownPathIs404() {
    assertThat(http.get("/v2/events").statusCode()).isEqualTo(404);
  }

  static byte[] ndjsonOfSize(int bytes) {
    StringBuilder body = new StringBuilder();
    while (body.length() < bytes) {
      body.append(request("checkout")).append('\n');
    }
    return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }

  /** A body without Content-Length: sent with chunked transfer encoding. */
  private static HttpRequest.BodyPublisher chunked(byte[] body) {
    HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofByteArray(body);
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return -1;
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        bytes.subscribe(subscriber);
      }
    };
  }
}

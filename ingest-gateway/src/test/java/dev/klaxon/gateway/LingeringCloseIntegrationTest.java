package dev.klaxon.gateway;

import static dev.klaxon.gateway.GatewayFixture.ADMIN_KEY;
import static dev.klaxon.gateway.GatewayHttp.JSON;
import static dev.klaxon.gateway.GatewayHttp.NDJSON;
import static dev.klaxon.gateway.GatewayHttp.bearer;
import static dev.klaxon.gateway.RejectionIntegrationTest.gzip;
import static dev.klaxon.gateway.RejectionIntegrationTest.ndjsonOfSize;
import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.gateway.WriteFirstClient.Answer;
import dev.klaxon.gateway.internal.BodyDiscarder;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that write the whole body before reading (Python's urllib and requests) see the answer
 * to a body the gateway refuses early: it drops the rest of the body, within bounds, before closing.
 */
@KafkaIntegrationTest
class LingeringCloseIntegrationTest {

  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_DECOMPRESSED = 256 * 1024;
  private static final int EIGHT_MB = 8 * 1024 * 1024;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Slack for a loaded machine on top of the time bound; still well under the 30 s idle timeout. */
  private static final Duration MARGIN = Duration.ofSeconds(5);

  private static IngestGateway gateway;

  @BeforeAll
  static void start(KafkaTestEnv env) {
    env.createTopics(1);
    GatewayConfig config = GatewayFixture.withKeys(env);
    gateway = IngestGateway.start(config.withHttp(config.http().withMaxBodyBytes(MAX_BODY, MAX_DECOMPRESSED)));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @Test
  void aClientThatWritesAnEightMegabyteBodyBeforeReadingSeesThe413AndItsMessage() throws IOException {
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.post(ndjsonOfSize(EIGHT_MB), "Content-Type", NDJSON, "Authorization", bearer(ADMIN_KEY));

      Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.headers()).containsEntry("connection", "close");
      assertThat(error(answer)).isEqualTo("the body is larger than " + MAX_BODY + " bytes: send smaller batches");
    }
  }

  @Test
  void aClientThatWritesAnEightMegabyteChunkedBodyBeforeReadingSeesThe413AndItsMessage() throws IOException {
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.postChunked(ndjsonOfSize(EIGHT_MB), 16 * 1024, "Content-Type", NDJSON,
          "Authorization", bearer(ADMIN_KEY));

      Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(error(answer)).contains(Integer.toString(MAX_BODY));
    }
  }

  @Test
  void aGzipBodyThatInflatesPastTheLimitIs413ToAClientThatWritesFirstAndTheConnectionStaysOpen() throws IOException {
    byte[] bomb = gzip(ndjsonOfSize(MAX_DECOMPRESSED + 1));
    assertThat(bomb.length).isLessThan(MAX_BODY);
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.post(bomb, "Content-Type", NDJSON, "Content-Encoding", "gzip", "Authorization", bearer(ADMIN_KEY));

      Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(413);
      assertThat(error(answer)).contains("decompressed").contains(Integer.toString(MAX_DECOMPRESSED));
      // The body was read whole, so nothing is left to drop: the same connection serves the next batch.
      client.post(request("checkout").getBytes(StandardCharsets.UTF_8), "Content-Type", JSON,
          "Authorization", bearer(ADMIN_KEY));
      assertThat(client.read().status()).isEqualTo(202);
    }
  }

  @Test
  void aClientThatWritesItsWholeBodyWithoutAKeySeesThe401() throws IOException {
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.post(ndjsonOfSize(EIGHT_MB), "Content-Type", NDJSON);

      Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(401);
      assertThat(error(answer)).contains("missing API key");
    }
  }

  @Test
  void aClientThatKeepsSendingPastTheDiscardBoundIsCutOffWithinTheTimeBound() throws IOException {
    long bound = BodyDiscarder.maxBytes(MAX_BODY);
    byte[] chunk = ndjsonOfSize(64 * 1024);
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.writeHead("Content-Type", NDJSON, "Authorization", bearer(ADMIN_KEY), "Transfer-Encoding", "chunked");
      long[] written = {0};
      long startNanos = System.nanoTime();

      // Guarded: a server that neither reads nor closes would block the writer forever.
      assertTimeoutPreemptively(BodyDiscarder.MAX_TIME.plus(MARGIN), () -> assertThrows(IOException.class, () -> {
        while (true) {
          client.writeChunk(chunk, 0, chunk.length);
          written[0] += chunk.length;
        }
      }));

      assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(BodyDiscarder.MAX_TIME.plus(MARGIN));
      // Cut off by bytes, not time: past the bound only what fits in the socket buffers got through.
      assertThat(written[0]).isGreaterThan(bound).isLessThan(bound + 64L * 1024 * 1024);
    }
    awaitNoRequestInFlight();
  }

  @Test
  void aClientTricklingItsBodyIsClosedAfterTheTimeBoundNotTheIdleTimeout() throws IOException {
    byte[] body = ndjsonOfSize(1024 * 1024);
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.writeHead("Content-Type", NDJSON, "Authorization", bearer(ADMIN_KEY),
          "Content-Length", Integer.toString(body.length));
      client.writeBody(Arrays.copyOf(body, 256 * 1024));
      long startNanos = System.nanoTime();

      Answer answer = client.read();
      // The answer ends with the server's half of the connection; its reading half stays open
      // while it drops the body, so only a write can tell when it closes for good.
      await().atMost(BodyDiscarder.MAX_TIME.plus(MARGIN)).pollInterval(Duration.ofMillis(100))
          .until(() -> !client.tryWriteBody(new byte[1024]));

      assertThat(answer.status()).isEqualTo(413);
      assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isGreaterThanOrEqualTo(BodyDiscarder.MAX_TIME);
    }
    awaitNoRequestInFlight();
  }

  @Test
  void aBodyDeclaredLongerThanTheDiscardBoundIsAnsweredAndClosedWithoutWaitingForIt() throws IOException {
    long declared = BodyDiscarder.maxBytes(MAX_BODY) + 1;
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.writeHead("Content-Type", NDJSON, "Authorization", bearer(ADMIN_KEY),
          "Content-Length", Long.toString(declared));

      Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(413);
      awaitClosedWellWithinTheTimeBound(client);
    }
  }

  @Test
  void aClientWaitingFor100ContinueGetsThe413AndNoLateContinue() throws IOException {
    try (WriteFirstClient client = new WriteFirstClient(gateway.port())) {
      client.writeHead("Content-Type", NDJSON, "Authorization", bearer(ADMIN_KEY),
          "Content-Length", Integer.toString(EIGHT_MB), "Expect", "100-continue");

      Answer answer = client.read();

      assertThat(answer.status()).isEqualTo(413);
      // Reading the body would make Jetty send "100 Continue" after the final answer.
      assertThat(client.readToEnd()).isEmpty();
      awaitClosedWellWithinTheTimeBound(client);
    }
  }

  /** The server closed the connection at once rather than waiting to drop a body. */
  private static void awaitClosedWellWithinTheTimeBound(WriteFirstClient client) {
    await().atMost(BodyDiscarder.MAX_TIME.dividedBy(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> !client.tryWriteBody(new byte[1024]));
  }

  /** Every exchange ended: none is left holding the connection or a slot of the graceful handler. */
  private static void awaitNoRequestInFlight() {
    await().atMost(MARGIN).until(() -> gateway.scrapeMetrics().contains("klaxon_gateway_http_in_flight 0.0"));
  }

  private static String error(Answer answer) throws IOException {
    return MAPPER.readTree(answer.body()).get("error").asText();
  }
}

package dev.klaxon.gateway;

import static dev.klaxon.gateway.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

@KafkaIntegrationTest
class GracefulShutdownIntegrationTest {

  /** A request whose body is still arriving when close() begins is answered 202 and written. */
  @Test
  void closeFinishesInFlightRequestsAndStopsAcceptingNewOnes(KafkaTestEnv env) throws Exception {
    Topics topics = env.createTopics(1);
    IngestGateway gateway = IngestGateway.start(GatewayFixture.demo(env));
    int port = gateway.port();
    byte[] body = request("in-flight").getBytes(StandardCharsets.UTF_8);
    int half = body.length / 2;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, half);
      out.flush();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> gateway.scrapeMetrics().contains("klaxon_gateway_http_in_flight 1.0"));

      CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway::close);
      await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
      assertThat(closing).isNotDone();

      out.write(body, half, body.length - half);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 202 Accepted");
      closing.get();
    }
    assertThat(env.read(topics.requests(), new StringDeserializer(), new ByteArrayDeserializer(), 1,
        Duration.ofSeconds(30))).extracting(r -> r.key()).containsExactly("in-flight");
  }

  private static boolean accepts(int port) {
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

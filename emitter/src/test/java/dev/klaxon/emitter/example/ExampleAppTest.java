package dev.klaxon.emitter.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.klaxon.emitter.KlaxonEmitter;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.json.EventJsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The example app records each request it serves, and the events reach the gateway. */
class ExampleAppTest {

  @Test
  void everyRequestServedBecomesARequestEvent() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer gateway = acceptingGateway(bodies);
    try (KlaxonEmitter klaxon = KlaxonEmitter.builder().service("example-app")
            .http(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), "k").build();
        ExampleApp app = ExampleApp.start(klaxon, 0)) {
      HttpClient client = HttpClient.newHttpClient();
      for (String path : List.of("/hello", "/users/42", "/users/nobody", "/boom")) {
        client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("X-Request-Id", "id" + path).build(), HttpResponse.BodyHandlers.discarding());
      }
      // Each event is emitted once its response is written, so it may follow the client's return.
      await().atMost(Duration.ofSeconds(30)).until(() -> klaxon.stats().emitted() == 4);
      assertThat(klaxon.flush(Duration.ofSeconds(30))).isTrue();

      List<RequestEvent> events = new EventJsonParser().parseBatch(String.join("\n", bodies))
          .eventsOrThrow().stream().map(RequestEvent.class::cast).toList();
      assertThat(events)
          .extracting(RequestEvent::getService, RequestEvent::getRoute, RequestEvent::getMethod,
              RequestEvent::getStatus, RequestEvent::getRequestId)
          .containsExactlyInAnyOrder(
              tuple("example-app", "GET /hello", "GET", 200, "id/hello"),
              tuple("example-app", "GET /users/{id}", "GET", 200, "id/users/42"),
              tuple("example-app", "GET /users/{id}", "GET", 404, "id/users/nobody"),
              tuple("example-app", "GET /boom", "GET", 500, "id/boom"));
      assertThat(events).allSatisfy(e -> assertThat(e.getDurationMs()).isGreaterThanOrEqualTo(0));
    } finally {
      gateway.stop(0);
    }
  }

  /** Just enough of a gateway for this test: records gzip bodies, answers 202. */
  private static HttpServer acceptingGateway(List<String> bodies) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.createContext("/v1/events", exchange -> {
      try (exchange; GZIPInputStream body = new GZIPInputStream(exchange.getRequestBody())) {
        bodies.add(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        byte[] reply = "{\"accepted\":1}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(202, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply);
        }
      }
    });
    server.start();
    return server;
  }
}

package dev.klaxon.emitter.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.klaxon.emitter.KlaxonEmitter;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * Wraps a handler so that each request it serves becomes one Klaxon RequestEvent: route template,
 * method, status, duration and request id. The emit never blocks, so the response is not delayed.
 */
final class RecordedHandler implements HttpHandler {

  private final KlaxonEmitter klaxon;
  private final String route;
  private final HttpHandler delegate;

  /** {@code route} is the template ({@code GET /users/{id}}), never the raw path. */
  RecordedHandler(KlaxonEmitter klaxon, String route, HttpHandler delegate) {
    this.klaxon = klaxon;
    this.route = route;
    this.delegate = delegate;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Request-Id"))
        .orElseGet(() -> UUID.randomUUID().toString());
    int status = 500;
    try {
      delegate.handle(exchange);
      status = exchange.getResponseCode() > 0 ? exchange.getResponseCode() : 500;
    } catch (RuntimeException e) {
      if (exchange.getResponseCode() < 0) {
        exchange.sendResponseHeaders(500, -1); // a handler bug is still an answer, and a recorded 5xx
      }
      exchange.close();
    } finally {
      klaxon.request(route)
          .method(exchange.getRequestMethod())
          .status(status)
          .durationMs((System.nanoTime() - start) / 1_000_000.0)
          .requestId(requestId)
          .emit();
    }
  }
}

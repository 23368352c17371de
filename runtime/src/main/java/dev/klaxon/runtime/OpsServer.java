package dev.klaxon.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every service's operations endpoints on the JDK's own HTTP server: {@code /metrics} (Prometheus
 * text), {@code /health/live} and {@code /health/ready} (200 {@code UP} or 503 {@code DOWN}).
 */
public final class OpsServer implements AutoCloseable {

  private final HttpServer server;

  private OpsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * @param port 0 picks a free port
   * @throws UncheckedIOException naming the port when it cannot be bound
   */
  public static OpsServer start(int port, Supplier<String> prometheusText, BooleanSupplier live,
      BooleanSupplier ready) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " for /metrics and /health: "
          + e.getMessage(), e);
    }
    server.createContext("/metrics", exchange -> respond(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", prometheusText.get()));
    server.createContext("/health/live", exchange -> health(exchange, live.getAsBoolean()));
    server.createContext("/health/ready", exchange -> health(exchange, ready.getAsBoolean()));
    server.start();
    return new OpsServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, boolean ok) throws IOException {
    respond(exchange, ok ? 200 : 503, "application/json", ok ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

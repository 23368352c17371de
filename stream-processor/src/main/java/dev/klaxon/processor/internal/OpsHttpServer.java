package dev.klaxon.processor.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code /metrics}, {@code /health/live}, {@code /health/ready} on the JDK's own HTTP server. */
public final class OpsHttpServer implements AutoCloseable {

  private final HttpServer server;

  private OpsHttpServer(HttpServer server) {
    this.server = server;
  }

  public static OpsHttpServer start(int port, Supplier<String> prometheusText, BooleanSupplier live,
      BooleanSupplier ready) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> respond(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", prometheusText.get()));
    server.createContext("/health/live", exchange -> health(exchange, live.getAsBoolean()));
    server.createContext("/health/ready", exchange -> health(exchange, ready.getAsBoolean()));
    server.start();
    return new OpsHttpServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, boolean ok) throws IOException {
    respond(exchange, ok ? 200 : 503, "application/json",
        ok ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
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

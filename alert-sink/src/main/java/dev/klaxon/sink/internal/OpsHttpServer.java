package dev.klaxon.sink.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code /metrics}, {@code /health/live}, {@code /health/ready} on the JDK's HTTP server. */
public final class OpsHttpServer implements AutoCloseable {

  private final HttpServer server;

  private OpsHttpServer(HttpServer server) {
    this.server = server;
  }

  public static OpsHttpServer start(int port, Supplier<String> prometheusText, BooleanSupplier live,
      BooleanSupplier ready) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> HttpJson.respond(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", prometheusText.get()));
    server.createContext("/health/live", exchange -> health(exchange, live.getAsBoolean()));
    server.createContext("/health/ready", exchange -> health(exchange, ready.getAsBoolean()));
    server.start();
    return new OpsHttpServer(server);
  }

  private static void health(com.sun.net.httpserver.HttpExchange exchange, boolean ok) throws IOException {
    HttpJson.json(exchange, ok ? 200 : 503, Map.of("status", ok ? "UP" : "DOWN"));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package dev.klaxon.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every service's operations endpoints on the JDK's own HTTP server: {@code /metrics} (Prometheus
 * text), {@code /health/live} and {@code /health/ready} (200 {@code UP} or 503 {@code DOWN}), and a
 * role's own read-only routes beside them (the cost role's spend API).
 */
public final class OpsServer implements AutoCloseable {

  /**
   * Requests are served by a few threads, not the server's single dispatcher: a route may wait on
   * another instance's route (the spend API forwards), which may at the same moment wait on this one.
   */
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;

  private OpsServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * @param port 0 picks a free port
   * @throws UncheckedIOException naming the port when it cannot be bound
   */
  public static OpsServer start(int port, Supplier<String> prometheusText, BooleanSupplier live,
      BooleanSupplier ready) {
    return bind(port).serve(prometheusText, live, ready, Map.of());
  }

  /**
   * Binds the port without serving yet, so that the port is known before what is served is built
   * (Kafka Streams must be told its own {@code application.server} before it exists). Call
   * {@link #serve} next.
   *
   * @param port 0 picks a free port
   * @throws UncheckedIOException naming the port when it cannot be bound
   */
  public static OpsServer bind(int port) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
      AtomicInteger threads = new AtomicInteger();
      ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
        Thread thread = new Thread(task, "ops-http-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      return new OpsServer(server, executor);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port + " for /metrics and /health: "
          + e.getMessage(), e);
    }
  }

  /**
   * Starts serving the operations endpoints and {@code routes}.
   *
   * @param routes extra handlers by path prefix (the JDK server's contexts), e.g. {@code /api/v1/spend}
   */
  public OpsServer serve(Supplier<String> prometheusText, BooleanSupplier live, BooleanSupplier ready,
      Map<String, HttpHandler> routes) {
    server.createContext("/metrics", exchange -> respond(exchange, 200,
        "text/plain; version=0.0.4; charset=utf-8", prometheusText.get()));
    server.createContext("/health/live", exchange -> health(exchange, live.getAsBoolean()));
    server.createContext("/health/ready", exchange -> health(exchange, ready.getAsBoolean()));
    routes.forEach(server::createContext);
    server.start();
    return this;
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

  /** Stops serving; works whether or not {@link #serve} was called. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

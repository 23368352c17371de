package dev.klaxon.emitter.example;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.emitter.KlaxonEmitter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny web service that records its own requests with the emitter.
 *
 * <pre>
 * KLAXON_GATEWAY_URL=http://localhost:8080 KLAXON_API_KEY=… java … ExampleApp 8081
 * curl localhost:8081/users/42      # then: klaxon tail klaxon.requests
 * </pre>
 */
public final class ExampleApp implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private ExampleApp(KlaxonEmitter klaxon, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    server.createContext("/hello", new RecordedHandler(klaxon, "GET /hello",
        exchange -> reply(exchange, 200, "hello")));
    server.createContext("/users/", new RecordedHandler(klaxon, "GET /users/{id}", ExampleApp::user));
    server.createContext("/boom", new RecordedHandler(klaxon, "GET /boom", exchange -> {
      throw new IllegalStateException("boom"); // answered and recorded as a 500
    }));
    server.setExecutor(executor);
  }

  public static ExampleApp start(KlaxonEmitter klaxon, int port) throws IOException {
    ExampleApp app = new ExampleApp(klaxon, port);
    app.server.start();
    return app;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void user(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/users/".length());
    if (id.matches("\\d+")) {
      reply(exchange, 200, "{\"id\":" + id + "}");
    } else {
      reply(exchange, 404, "no such user");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  public static void main(String[] args) throws IOException {
    String gateway = System.getenv().getOrDefault("KLAXON_GATEWAY_URL", "http://localhost:8080");
    String apiKey = System.getenv("KLAXON_API_KEY");
    KlaxonEmitter.Builder builder = KlaxonEmitter.builder().service("example-app").environment("dev");
    URI url = URI.create(gateway);
    KlaxonEmitter klaxon = (apiKey == null ? builder.http(url) : builder.http(url, apiKey)).build();
    ExampleApp app = start(klaxon, args.length > 0 ? Integer.parseInt(args[0]) : 8081);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      klaxon.close(Duration.ofSeconds(5)); // deliver what the last requests recorded
    }));
    System.out.println("example app on http://127.0.0.1:" + app.port() + " sending to " + gateway);
  }
}

package dev.klaxon.sink.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers from a script: a status
 * with body and headers, a hang (until the server stops), or a gate (waits for a latch, then 200).
 * After the script it answers {@code defaultResponse}.
 */
public final class RecordingServer implements AutoCloseable {

  public record Request(String method, String path, Map<String, List<String>> headers, String body, Instant at) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  public record Response(int status, String body, Map<String, String> headers, CountDownLatch gate) {
    public static Response status(int status) {
      return new Response(status, "", Map.of(), null);
    }

    public static Response status(int status, String body) {
      return new Response(status, body, Map.of(), null);
    }

    public static Response status(int status, String body, Map<String, String> headers) {
      return new Response(status, body, headers, null);
    }

    /** Waits for {@code gate} (or the server's stop), then answers 200. */
    public static Response gated(CountDownLatch gate) {
      return new Response(200, "ok", Map.of(), gate);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Response> script = new ArrayDeque<>();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Response defaultResponse = Response.status(200, "ok");
  private volatile Supplier<Instant> clock = Instant::now;

  private RecordingServer(HttpServer server) {
    this.server = server;
  }

  public static RecordingServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RecordingServer recording = new RecordingServer(server);
      server.createContext("/", recording::handle);
      server.setExecutor(recording.executor);
      server.start();
      return recording;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A URL where nothing listens: connections are refused. */
  public static String downUrl(String path) {
    RecordingServer server = start();
    String url = server.url(path);
    server.close();
    return url;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public RecordingServer respond(Response... responses) {
    synchronized (script) {
      script.addAll(List.of(responses));
    }
    return this;
  }

  public RecordingServer byDefault(Response response) {
    defaultResponse = response;
    return this;
  }

  /** Arrival times from this clock, e.g. a test's virtual time. */
  public RecordingServer clock(Supplier<Instant> clock) {
    this.clock = clock;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> awaitRequests(int count) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() >= count);
    return requests();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
        Map.copyOf(exchange.getRequestHeaders()), body, clock.get()));
    Response response;
    synchronized (script) {
      response = script.isEmpty() ? defaultResponse : script.poll();
    }
    try {
      if (response.gate() != null) {
        while (response.gate().getCount() > 0 && !stopping.await(10, TimeUnit.MILLISECONDS)) {
          // wait for the gate or the end of the test
        }
        if (stopping.getCount() == 0) {
          return;
        }
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    stopping.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** A response that never comes (until the server stops). */
  public static Response hang() {
    return Response.gated(new CountDownLatch(1));
  }
}

package dev.klaxon.emitter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.schemas.json.EventJsonParser;
import dev.klaxon.schemas.validation.EventLimits;
import dev.klaxon.schemas.json.FieldError;
import dev.klaxon.schemas.json.ParseResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * A real HTTP server on 127.0.0.1 speaking the gateway's contract (design §9): bearer auth,
 * gzip, NDJSON or JSON array, all-or-nothing validation with the schemas' own parser, {@code 202
 * {"accepted":n}}. Tests can script the next answers (429, 503…) and stall it, and read back every
 * request it received.
 */
final class LocalGateway implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received: headers, the decompressed body, when it arrived, the answer sent. */
  record Received(Headers headers, String body, long nanoTime, int status) {}

  /** An answer to give instead of processing the body. */
  record Scripted(int status, Map<String, String> headers, String body) {}

  private final String apiKey;
  private final EventJsonParser parser;
  private final int port;
  private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<SpecificRecord> accepted = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private volatile CountDownLatch stall = new CountDownLatch(0);
  private HttpServer server;

  private LocalGateway(String apiKey, EventLimits limits, int port) {
    this.apiKey = apiKey;
    this.parser = new EventJsonParser(limits, Clock.systemUTC());
    this.port = port;
  }

  static LocalGateway start(String apiKey) {
    return onPort(apiKey, EventLimits.defaults(), 0).start();
  }

  static LocalGateway start(String apiKey, EventLimits limits) {
    return onPort(apiKey, limits, 0).start();
  }

  /** Not started yet: for a gateway that comes up after the emitter. */
  static LocalGateway onPort(String apiKey, EventLimits limits, int port) {
    return new LocalGateway(apiKey, limits, port);
  }

  LocalGateway start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/v1/events", this::handle);
    server.setExecutor(executor);
    server.start();
    return this;
  }

  java.net.URI url() {
    return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next request gets this answer instead of being processed. */
  LocalGateway thenAnswer(int status, Map<String, String> headers, String body) {
    script.add(new Scripted(status, headers, body));
    return this;
  }

  /** Requests wait, unanswered, until {@link #release()}. */
  void stall() {
    stall = new CountDownLatch(1);
  }

  void release() {
    stall.countDown();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Events of every {@code 202} answer, in the order received. */
  List<SpecificRecord> accepted() {
    return List.copyOf(accepted);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      stall.await(60, TimeUnit.SECONDS);
      Headers headers = exchange.getRequestHeaders();
      String body = decompressed(exchange.getRequestBody(), headers);
      Scripted scripted = script.poll();
      if (scripted != null) {
        respond(exchange, headers, body, scripted.status(), scripted.headers(), scripted.body());
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, headers, body, 405, Map.of(), "{}");
      } else if (apiKey != null && !("Bearer " + apiKey).equals(headers.getFirst("Authorization"))) {
        respond(exchange, headers, body, 401, Map.of(), "{\"error\":\"unknown or missing API key\"}");
      } else if (!isEventContentType(headers.getFirst("Content-Type"))) {
        respond(exchange, headers, body, 415, Map.of(), "{}");
      } else {
        ParseResult result = parser.parseBatch(body);
        if (!result.isValid()) {
          respond(exchange, headers, body, 400, Map.of(), errorsJson(result.errors()));
        } else {
          accepted.addAll(result.events());
          respond(exchange, headers, body, 202, Map.of(), "{\"accepted\":" + result.events().size() + "}");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean isEventContentType(String contentType) {
    return contentType != null
        && (contentType.startsWith("application/json") || contentType.startsWith("application/x-ndjson"));
  }

  private static String decompressed(InputStream raw, Headers headers) throws IOException {
    byte[] bytes = raw.readAllBytes();
    if ("gzip".equals(headers.getFirst("Content-Encoding"))) {
      try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        bytes = gzip.readAllBytes();
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void respond(HttpExchange exchange, Headers requestHeaders, String requestBody, int status,
      Map<String, String> headers, String body) throws IOException {
    received.add(new Received(requestHeaders, requestBody, System.nanoTime(), status));
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String errorsJson(List<FieldError> errors) {
    ObjectNode root = JSON.createObjectNode();
    var list = root.putArray("errors");
    for (FieldError error : errors) {
      ObjectNode item = list.addObject().put("index", error.index()).put("message", error.message());
      Optional.ofNullable(error.field()).ifPresent(field -> item.put("field", field));
    }
    return root.toString();
  }

  @Override
  public void close() {
    release();
    if (server != null) {
      server.stop(0);
    }
    executor.shutdownNow();
  }

  static List<String> lines(String body) {
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }
}

package dev.klaxon.sink.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for the JDK HTTP server: JSON and text responses. */
public final class HttpJson {

  public static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpJson() {}

  public static void json(HttpExchange exchange, int status, Object body) throws IOException {
    respond(exchange, status, "application/json", MAPPER.writeValueAsString(body));
  }

  public static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, java.util.Map.of("error", message));
  }

  public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

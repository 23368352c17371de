package dev.klaxon.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for the gateway under test. */
final class GatewayHttp {

  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI base;

  GatewayHttp(IngestGateway gateway) {
    this.base = URI.create("http://localhost:" + gateway.port());
  }

  /** {@code headers}: name, value, name, value... */
  HttpResponse<String> post(String body, String... headers) {
    return post(body.getBytes(StandardCharsets.UTF_8), headers);
  }

  HttpResponse<String> post(byte[] body, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve("/v1/events")).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        headers);
  }

  HttpResponse<String> send(String method, String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()),
        headers);
  }

  HttpResponse<String> get(String path) {
    return send("GET", path);
  }

  static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static String bearer(String key) {
    return "Bearer " + key;
  }
}

package dev.klaxon.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesMetricsAndBothHealthChecksAsTheServiceReportsThem() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (OpsServer ops = OpsServer.start(0, () -> "klaxon_up 1\n", () -> true, ready::get)) {
      HttpResponse<String> metrics = get(ops, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).isEqualTo("klaxon_up 1\n");
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));

      assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(ops, "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).isEqualTo("{\"status\":\"DOWN\"}");

      ready.set(true);
      assertThat(get(ops, "/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  @Test
  void aTakenPortIsRefusedNamingThePort() {
    try (OpsServer first = OpsServer.start(0, () -> "", () -> true, () -> true)) {
      assertThatThrownBy(() -> OpsServer.start(first.port(), () -> "", () -> true, () -> true))
          .hasMessageContaining("cannot listen on port " + first.port());
    }
  }

  @Test
  void aRolesOwnRoutesAreServedBesideMetricsOnThePortKnownBeforeServing() throws Exception {
    try (OpsServer ops = OpsServer.bind(0)) {
      int port = ops.port();
      assertThat(port).isPositive();
      ops.serve(() -> "", () -> true, () -> true, Map.of("/api/v1/echo", exchange -> {
        byte[] body = exchange.getRequestURI().getPath().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      }));

      assertThat(get(ops, "/api/v1/echo/x").body()).isEqualTo("/api/v1/echo/x");
      assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
      assertThat(ops.port()).isEqualTo(port);
    }
  }

  private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ops.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package dev.klaxon.sink.api;

import com.sun.net.httpserver.HttpExchange;
import dev.klaxon.sink.internal.HttpJson;
import dev.klaxon.sink.pipeline.DecisionTimeline;
import java.io.IOException;
import java.util.Map;

/** {@code GET /api/v1/alerts/{fingerprint}/why}: the {@link DecisionTimeline} of one alert, oldest step first. */
final class WhyEndpoint {

  static final String PATH = "/api/v1/alerts/";

  private final DecisionTimeline timeline;

  WhyEndpoint(DecisionTimeline timeline) {
    this.timeline = timeline;
  }

  void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.endsWith("/why") || !"GET".equals(exchange.getRequestMethod())) {
      HttpJson.error(exchange, 404, "GET /api/v1/alerts/{fingerprint}/why");
      return;
    }
    String fingerprint = path.substring(PATH.length(), path.length() - "/why".length());
    HttpJson.json(exchange, 200, timeline.of(fingerprint).stream()
        .map(step -> Map.of("at", step.at().toString(), "what", step.what())).toList());
  }
}

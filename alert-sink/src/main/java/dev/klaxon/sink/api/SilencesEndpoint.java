package dev.klaxon.sink.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.sink.config.MatchOp;
import dev.klaxon.sink.config.Matcher;
import dev.klaxon.sink.internal.HttpJson;
import dev.klaxon.sink.silence.Silence;
import dev.klaxon.sink.silence.Silences;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences: {@code POST /api/v1/silences} (create, or update with an {@code id}),
 * {@code GET /api/v1/silences[/{id}]}, {@code DELETE /api/v1/silences/{id}} (expire). Requests
 * arrive here already authorized by {@link SinkApi}.
 */
final class SilencesEndpoint {

  static final String PATH = "/api/v1/silences";

  private static final Logger log = LoggerFactory.getLogger(SilencesEndpoint.class);
  private static final int MAX_BODY = 64 * 1024;

  private final Silences silences;
  private final Consumer<Silence> store;
  private final Clock clock;

  /** @param store writes a silence durably (the compacted topic) and into {@code silences} */
  SilencesEndpoint(Silences silences, Consumer<Silence> store, Clock clock) {
    this.silences = silences;
    this.store = store;
    this.clock = clock;
  }

  void handle(HttpExchange exchange) throws IOException {
    try {
      String rest = exchange.getRequestURI().getPath().substring(PATH.length());
      String id = rest.startsWith("/") ? rest.substring(1) : rest;
      switch (exchange.getRequestMethod()) {
        case "GET" -> {
          if (id.isEmpty()) {
            HttpJson.json(exchange, 200, silences.list().stream().map(this::toJson).toList());
          } else {
            Optional<Silence> silence = silences.get(id);
            if (silence.isPresent()) {
              HttpJson.json(exchange, 200, toJson(silence.get()));
            } else {
              HttpJson.error(exchange, 404, "no silence " + id);
            }
          }
        }
        case "POST" -> create(exchange);
        case "DELETE" -> expire(exchange, id);
        default -> HttpJson.error(exchange, 405, "use GET, POST or DELETE");
      }
    } catch (RuntimeException e) {
      log.error("silences API failed", e);
      HttpJson.error(exchange, 500, "internal error");
    }
  }

  private void create(HttpExchange exchange) throws IOException {
    JsonNode body;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        HttpJson.error(exchange, 413, "body larger than " + MAX_BODY + " bytes");
        return;
      }
      body = HttpJson.MAPPER.readTree(bytes);
    } catch (IOException e) {
      HttpJson.error(exchange, 400, "body is not JSON");
      return;
    }
    Instant now = clock.instant();
    List<String> errors = new ArrayList<>();
    List<Matcher> matchers = matchers(body == null ? null : body.get("matchers"), errors);
    Instant startsAt = instant(body, "startsAt", errors).orElse(now);
    Optional<Instant> endsAt = instant(body, "endsAt", errors);
    if (endsAt.isEmpty() && body != null && body.hasNonNull("duration")) {
      try {
        endsAt = Optional.of(startsAt.plus(Durations.parse(body.get("duration").asText())));
      } catch (IllegalArgumentException e) {
        errors.add("duration: " + e.getMessage());
      }
    }
    if (endsAt.isEmpty()) {
      errors.add("endsAt (or duration) is required");
    } else if (!endsAt.get().isAfter(startsAt)) {
      errors.add("endsAt must be after startsAt");
    } else if (!endsAt.get().isAfter(now)) {
      errors.add("endsAt is in the past");
    }
    String createdBy = text(body, "createdBy");
    String comment = text(body, "comment");
    if (createdBy.isBlank()) {
      errors.add("createdBy is required");
    }
    if (comment.isBlank()) {
      errors.add("comment is required: say why");
    }
    String id = text(body, "id");
    if (!id.isBlank() && silences.get(id).isEmpty()) {
      errors.add("id: no silence " + id + " to update");
    }
    if (!errors.isEmpty()) {
      HttpJson.json(exchange, 400, Map.of("errors", errors));
      return;
    }
    Silence silence = new Silence(id.isBlank() ? UUID.randomUUID().toString() : id, matchers, startsAt,
        endsAt.get(), createdBy, comment, now);
    store.accept(silence);
    log.info("silence {} created by {} until {}: {}", silence.id(), createdBy, silence.endsAt(), matchers);
    HttpJson.json(exchange, 200, Map.of("silenceID", silence.id()));
  }

  private void expire(HttpExchange exchange, String id) throws IOException {
    Optional<Silence> silence = silences.get(id);
    if (id.isEmpty() || silence.isEmpty()) {
      HttpJson.error(exchange, 404, "no silence " + id);
      return;
    }
    Instant now = clock.instant();
    if (silence.get().state(now) == Silence.State.EXPIRED) {
      HttpJson.json(exchange, 200, toJson(silence.get()));
      return;
    }
    Silence expired = silence.get().expire(now);
    store.accept(expired);
    log.info("silence {} expired", id);
    HttpJson.json(exchange, 200, toJson(expired));
  }

  /** Matchers as Alertmanager strings ({@code "service=\"api\""}) or its objects ({@code name, value, isRegex, isEqual}). */
  private static List<Matcher> matchers(JsonNode node, List<String> errors) {
    List<Matcher> out = new ArrayList<>();
    if (node == null || !node.isArray() || node.isEmpty()) {
      errors.add("matchers: at least one is required");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      try {
        if (item.isTextual()) {
          out.add(Matcher.parse(item.asText()));
        } else {
          boolean regex = item.path("isRegex").asBoolean(false);
          boolean equal = item.path("isEqual").asBoolean(true);
          out.add(new Matcher(item.path("name").asText(""),
              regex ? (equal ? MatchOp.REGEX : MatchOp.NOT_REGEX)
                  : (equal ? MatchOp.EQUAL : MatchOp.NOT_EQUAL),
              item.path("value").asText("")));
        }
      } catch (IllegalArgumentException e) {
        errors.add("matchers[" + i + "]: " + e.getMessage());
      }
    }
    if (!out.isEmpty() && out.stream().allMatch(m -> m.matchesValue(""))) {
      errors.add("matchers: at least one must require a non-empty value, or the silence would mute everything");
    }
    return out;
  }

  private static Optional<Instant> instant(JsonNode body, String field, List<String> errors) {
    if (body == null || !body.hasNonNull(field)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(body.get(field).asText()));
    } catch (DateTimeParseException e) {
      errors.add(field + ": not an ISO-8601 instant (e.g. 2026-01-05T10:00:00Z)");
      return Optional.empty();
    }
  }

  private static String text(JsonNode body, String field) {
    return body == null ? "" : body.path(field).asText("");
  }

  private Map<String, Object> toJson(Silence s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("matchers", s.matchers().stream().map(Matcher::toString).toList());
    out.put("startsAt", s.startsAt().toString());
    out.put("endsAt", s.endsAt().toString());
    out.put("createdBy", s.createdBy());
    out.put("comment", s.comment());
    out.put("updatedAt", s.updatedAt().toString());
    out.put("status", Map.of("state", s.state(clock.instant()).name().toLowerCase()));
    return out;
  }
}

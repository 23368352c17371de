package dev.klaxon.schemas.json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds valid JSON events for tests, to be broken one field at a time. Values are raw JSON. */
final class JsonEvent {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final long NOW_MS = NOW.toEpochMilli();

  private final Map<String, String> fields = new LinkedHashMap<>();

  private JsonEvent(String type) {
    fields.put("type", quoted(type));
  }

  static JsonEvent request() {
    return new JsonEvent("request").text("service", "checkout").text("route", "GET /cart")
        .with("status", "200").with("durationMs", "12.5").with("timestamp", "" + NOW_MS);
  }

  static JsonEvent log() {
    return new JsonEvent("log").text("service", "llm-gateway").text("level", "error")
        .text("message", "provider timeout").with("timestamp", "" + NOW_MS);
  }

  static JsonEvent cost() {
    return new JsonEvent("cost").text("service", "llm-gateway").text("userId", "u1")
        .text("provider", "openai").with("costUsd", "0.0123").with("timestamp", "" + NOW_MS);
  }

  /** Sets {@code field} to a raw JSON value, e.g. {@code "12"}, {@code "\"12\""}, {@code "null"}. */
  JsonEvent with(String field, String rawJson) {
    fields.put(field, rawJson);
    return this;
  }

  JsonEvent text(String field, String value) {
    return with(field, quoted(value));
  }

  JsonEvent without(String field) {
    fields.remove(field);
    return this;
  }

  String json() {
    return fields.entrySet().stream()
        .map(e -> quoted(e.getKey()) + ":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  @Override
  public String toString() {
    return json();
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

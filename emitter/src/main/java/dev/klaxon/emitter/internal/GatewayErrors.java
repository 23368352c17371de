package dev.klaxon.emitter.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The gateway's {@code 400} body, {@code {"errors":[{"index":i,"field":…,"message":…}]}}, for the log. */
final class GatewayErrors {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** A batch of thousands of bad events should not write thousands of log lines. */
  static final int MAX_LISTED = 20;
  private static final int MAX_RAW_CHARS = 500;

  private GatewayErrors() {}

  /** One line per listed error, plus a "… and N more" line; the raw body if it is not that shape. */
  static List<String> describe(byte[] body) {
    List<String> lines = new ArrayList<>();
    try {
      JsonNode errors = MAPPER.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        for (JsonNode error : errors) {
          if (lines.size() == MAX_LISTED) {
            lines.add("… and " + (errors.size() - MAX_LISTED) + " more");
            break;
          }
          lines.add("item " + error.path("index").asText("?") + ", " + error.path("field").asText("?")
              + ": " + error.path("message").asText(""));
        }
        return lines;
      }
    } catch (IOException e) {
      // not JSON: show it as text below
    }
    String raw = new String(body, StandardCharsets.UTF_8);
    lines.add(raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…" : raw);
    return lines;
  }
}

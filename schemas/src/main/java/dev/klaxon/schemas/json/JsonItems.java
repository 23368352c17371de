package dev.klaxon.schemas.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a request body into its JSON items: one object, one array of objects, or NDJSON (any
 * whitespace-separated sequence of root values). A syntax error yields one error and no items,
 * since nothing after it can be trusted.
 */
final class JsonItems {

  /**
   * Floats become BigDecimal so a costUsd sent as a JSON number keeps its exact digits; duplicate
   * keys are an error because the last one silently winning would hide a sender's bug.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Items of the body, or the single error that stopped reading it. */
  record Split(List<JsonNode> items, FieldError error) {
  }

  private JsonItems() {
  }

  static Split split(JsonParser parser, int maxItems) {
    List<JsonNode> items = new ArrayList<>();
    try (parser) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return failed(0, "no events: expected a JSON object, an array of objects or NDJSON");
      }
      if (first == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          if (items.size() == maxItems) {
            return tooMany(maxItems);
          }
          items.add(MAPPER.readTree(parser));
        }
        if (parser.nextToken() != null) {
          return failed(items.size(), "unexpected content after the JSON array at "
              + where(parser.currentLocation()) + "; send one array or NDJSON, not both");
        }
      } else {
        do {
          if (items.size() == maxItems) {
            return tooMany(maxItems);
          }
          items.add(MAPPER.readTree(parser));
        } while (parser.nextToken() != null);
      }
    } catch (JsonProcessingException e) {
      return failed(items.size(), "malformed JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return failed(items.size(), "cannot read the body: " + e.getMessage());
    }
    if (items.isEmpty()) {
      return failed(0, "no events: the array is empty");
    }
    return new Split(items, null);
  }

  private static Split tooMany(int maxItems) {
    return failed(maxItems, "too many events: at most " + maxItems + " per batch");
  }

  private static Split failed(int index, String message) {
    return new Split(List.of(), new FieldError(index, null, message));
  }

  private static String where(JsonLocation location) {
    return location == null ? "unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}

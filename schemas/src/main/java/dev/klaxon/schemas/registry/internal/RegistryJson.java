package dev.klaxon.schemas.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Request bodies and answers of the Confluent Schema Registry REST API (v1 content type). */
public final class RegistryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_ECHOED_CHARS = 300;

  private RegistryJson() {}

  /** {@code {"schema":"<schema JSON as a string>"}}; no schemaType means AVRO. */
  public static String schemaRequest(Schema schema) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("schema", schema.toString());
    return body.toString();
  }

  /** Parses a JSON answer, or throws {@link IllegalArgumentException} naming what came instead. */
  public static JsonNode parse(String body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("expected a JSON object, got: " + abbreviate(body));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("expected JSON, got: " + abbreviate(body), e);
    }
  }

  public static int requiredInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException("answer has no integer '" + field + "'");
    }
    return value.intValue();
  }

  /** The Avro schema of an answer; only AVRO (the default when schemaType is absent) is accepted. */
  public static Schema avroSchema(JsonNode node) {
    String type = node.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw new IllegalArgumentException("schema is " + type + "; Klaxon reads only AVRO");
    }
    JsonNode text = node.get("schema");
    if (text == null || !text.isTextual()) {
      throw new IllegalArgumentException("answer has no 'schema' string");
    }
    return new Schema.Parser().parse(text.asText());
  }

  public static List<String> messages(JsonNode node) {
    List<String> messages = new ArrayList<>();
    JsonNode array = node.path("messages");
    array.forEach(message -> messages.add(message.asText()));
    return messages;
  }

  /** The documented error body {@code {"error_code":40401,"message":"Subject not found."}}, if it is one. */
  public record ErrorBody(int errorCode, String message) {

    public static ErrorBody parse(int httpStatus, String body) {
      try {
        JsonNode node = MAPPER.readTree(body);
        if (node != null && node.path("error_code").canConvertToInt()) {
          return new ErrorBody(node.get("error_code").intValue(),
              abbreviate(node.path("message").asText("")));
        }
      } catch (JsonProcessingException e) {
        // Not the documented body (a proxy's HTML page, say): report it as text below.
      }
      return new ErrorBody(httpStatus, abbreviate(body == null ? "" : body.strip()));
    }
  }

  static String abbreviate(String text) {
    return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "…";
  }
}

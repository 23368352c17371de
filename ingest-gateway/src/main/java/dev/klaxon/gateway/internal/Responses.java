package dev.klaxon.gateway.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.klaxon.schemas.json.FieldError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** JSON answer bodies of the gateway. */
final class Responses {

  static final String JSON = "application/json";
  private static final JsonFactory FACTORY = new JsonFactory();

  private Responses() {
  }

  static void send(Response response, Callback callback, int status, String contentType, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    Content.Sink.write(response, true, body, callback);
  }

  static String accepted(int count) {
    return "{\"accepted\":" + count + "}";
  }

  /** {@code {"error":"..."}}: every refusal but validation. */
  static String error(String message) {
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("error", message);
      json.writeEndObject();
    });
  }

  /** {@code {"errors":[{"index":0,"field":"durationMs","message":"..."}]}}; field is null for whole-item problems. */
  static String fieldErrors(List<FieldError> errors) {
    return write(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("errors");
      for (FieldError error : errors) {
        json.writeStartObject();
        json.writeNumberField("index", error.index());
        json.writeStringField("field", error.field());
        json.writeStringField("message", error.message());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  static String status(boolean up) {
    return up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}";
  }

  private interface JsonWriter {
    void write(JsonGenerator json) throws IOException;
  }

  private static String write(JsonWriter writer) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      writer.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: writing to memory
    }
    return out.toString();
  }
}

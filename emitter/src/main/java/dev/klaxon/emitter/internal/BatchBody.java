package dev.klaxon.emitter.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.klaxon.emitter.BodyFormat;
import dev.klaxon.schemas.json.RecordJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A batch as the gzip-compressed request body the gateway reads (design §9). */
public final class BatchBody {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private BatchBody() {}

  public static byte[] gzip(List<Pending> batch, BodyFormat format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + batch.size() * 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        JsonGenerator json = FACTORY.createGenerator(gzip)) {
      json.setRootValueSeparator(null); // NDJSON separates with newlines, written below
      if (format == BodyFormat.JSON_ARRAY) {
        json.writeStartArray();
      }
      for (Pending pending : batch) {
        RecordJson.write(pending.event(), json);
        if (format == BodyFormat.NDJSON) {
          json.writeRaw('\n');
        }
      }
      if (format == BodyFormat.JSON_ARRAY) {
        json.writeEndArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: writing to memory
    }
    return bytes.toByteArray();
  }
}

package dev.klaxon.loadtest.load;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.klaxon.runtime.report.SelfContainedPage;
import dev.klaxon.schemas.config.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** A {@link LoadReport} as JSON, or as one self-contained HTML page ({@link SelfContainedPage}) drawing it. */
public final class LoadReportFormat {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .registerModule(new SimpleModule("klaxon-durations").addSerializer(Duration.class, new JsonSerializer<>() {
        @Override
        public void serialize(Duration value, JsonGenerator json, SerializerProvider provider) throws IOException {
          json.writeString(Durations.format(value)); // as profiles write them: 40s, 1m30s
        }
      }));

  private LoadReportFormat() {}

  public static String json(LoadReport report) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the load report", e);
    }
  }

  public static String html(LoadReport report) {
    try {
      return SelfContainedPage.render("dev/klaxon/loadtest/load/report", "Klaxon load test",
          MAPPER.writeValueAsString(report));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the load report", e);
    }
  }
}

package dev.klaxon.replay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.klaxon.runtime.report.SelfContainedPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * How a report is written: {@code html}, one self-contained file that opens offline
 * ({@link SelfContainedPage}: uPlot, the styles, the script and the data all inlined), or {@code json}, the same record tree for
 * machines.
 */
public enum ReportFormat {
  HTML, JSON;

  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  public static ReportFormat parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown report format '" + name + "': html or json");
    }
  }

  public String render(ReplayReport report) {
    try {
      return this == JSON ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n" : html(report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report", e);
    }
  }

  private static String html(ReplayReport report) throws IOException {
    return SelfContainedPage.render("dev/klaxon/replay/report", "Klaxon replay", MAPPER.writeValueAsString(report));
  }
}

package dev.klaxon.replay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * How a report is written: {@code html}, one self-contained file that opens offline (uPlot from its
 * webjar, the styles, the script and the data all inlined), or {@code json}, the same record tree for
 * machines.
 */
public enum ReportFormat {
  HTML, JSON;

  private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private static final String UPLOT = "META-INF/resources/webjars/uplot/";

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
    // Inside <script>, "</" could end the element early; "<\/" is the same JSON string.
    String json = MAPPER.writeValueAsString(report).replace("</", "<\\/").replace("<!--", "<\\u0021--");
    String uplot = UPLOT + uplotVersion() + "/dist/";
    return resource("dev/klaxon/replay/report.html")
        .replace("/*TITLE*/", "Klaxon replay")
        .replace("/*UPLOT_CSS*/", resource(uplot + "uPlot.min.css"))
        .replace("/*REPORT_CSS*/", resource("dev/klaxon/replay/report.css"))
        .replace("/*UPLOT_JS*/", resource(uplot + "uPlot.iife.min.js"))
        .replace("/*REPORT_JS*/", resource("dev/klaxon/replay/report.js"))
        .replace("/*REPORT_JSON*/", json);
  }

  /** The webjar's version, from its own Maven metadata, so upgrading it is a pom change only. */
  private static String uplotVersion() throws IOException {
    try (InputStream in = resourceStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = resourceStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream resourceStream(String name) throws IOException {
    InputStream in = ReportFormat.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing resource " + name + " (is the uPlot webjar on the class path?)");
    }
    return in;
  }
}

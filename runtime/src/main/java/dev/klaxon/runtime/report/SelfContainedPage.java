package dev.klaxon.runtime.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * An HTML report in one file that opens offline: the report's body from the class path, uPlot (from its
 * webjar), the report's styles and script inlined, and the report's data as JSON in
 * {@code <script type="application/json" id="report-data">}, which the script reads. Used by the replay
 * and load reports.
 */
public final class SelfContainedPage {

  private static final String UPLOT = "META-INF/resources/webjars/uplot/";

  private SelfContainedPage() {}

  /**
   * @param resources class-path prefix of {@code <prefix>.html} (the body's content), {@code <prefix>.css} and
   *     {@code <prefix>.js}, e.g. {@code dev/klaxon/replay/report}
   * @param json the report's data, already serialized
   */
  public static String render(String resources, String title, String json) throws IOException {
    // Inside <script>, "</" could end the element early; "<\/" is the same JSON string.
    String safeJson = json.replace("</", "<\\/").replace("<!--", "<\\u0021--");
    String uplot = UPLOT + uplotVersion() + "/dist/";
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n"
        + "<style>" + resource(uplot + "uPlot.min.css") + "</style>\n"
        + "<style>" + resource(resources + ".css") + "</style>\n"
        + "</head>\n<body>\n"
        + resource(resources + ".html")
        + "\n<script type=\"application/json\" id=\"report-data\">" + safeJson + "</script>\n"
        + "<script>" + resource(uplot + "uPlot.iife.min.js") + "</script>\n"
        + "<script>" + resource(resources + ".js") + "</script>\n"
        + "</body>\n</html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
    InputStream in = SelfContainedPage.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("missing resource " + name + " (is the uPlot webjar on the class path?)");
    }
    return in;
  }
}

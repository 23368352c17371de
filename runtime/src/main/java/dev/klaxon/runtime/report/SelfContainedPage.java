package dev.klaxon.runtime.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * An HTML report in one file that opens offline: a template from the class path with uPlot (from its
 * webjar), the report's styles and script inlined, and the report's data as JSON in a
 * {@code <script type="application/json">}. The template marks where each goes with a block comment
 * holding its name: TITLE, UPLOT_CSS, REPORT_CSS, UPLOT_JS, REPORT_JS, REPORT_JSON. Used by the replay
 * and load reports.
 */
public final class SelfContainedPage {

  private static final String UPLOT = "META-INF/resources/webjars/uplot/";

  private SelfContainedPage() {}

  /**
   * @param resources class-path directory of {@code <name>.html}, {@code <name>.css} and {@code <name>.js},
   *     e.g. {@code dev/klaxon/replay/report}
   * @param json the report's data, already serialized
   */
  public static String render(String resources, String title, String json) throws IOException {
    // Inside <script>, "</" could end the element early; "<\/" is the same JSON string.
    String safeJson = json.replace("</", "<\\/").replace("<!--", "<\\u0021--");
    String uplot = UPLOT + uplotVersion() + "/dist/";
    return resource(resources + ".html")
        .replace("/*TITLE*/", title)
        .replace("/*UPLOT_CSS*/", resource(uplot + "uPlot.min.css"))
        .replace("/*REPORT_CSS*/", resource(resources + ".css"))
        .replace("/*UPLOT_JS*/", resource(uplot + "uPlot.iife.min.js"))
        .replace("/*REPORT_JS*/", resource(resources + ".js"))
        .replace("/*REPORT_JSON*/", safeJson);
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

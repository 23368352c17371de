package dev.klaxon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards in {@code deploy/grafana/dashboards} ask only for metrics the exporter serves,
 * from the provisioned data source, and their queries are valid PromQL (checked by {@code promtool} where
 * Debian's prometheus package is installed).
 */
class DashboardsTest {

  private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana", "dashboards");
  private static final Path DATASOURCES = Path.of("..", "deploy", "grafana", "provisioning", "datasources",
      "prometheus.yml");
  private static final Pattern KLAXON_METRIC = Pattern.compile("\\bklaxon_[a-z0-9_]+\\b");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyQueryNamesAMetricTheExporterServes() throws IOException {
    List<String> exprs = allExprs();
    assertThat(exprs).hasSizeGreaterThan(15);
    Set<String> named = new HashSet<>();
    for (String expr : exprs) {
      Matcher m = KLAXON_METRIC.matcher(expr);
      boolean any = false;
      while (m.find()) {
        named.add(m.group());
        any = true;
      }
      assertThat(any).as("query names no Klaxon metric: %s", expr).isTrue();
    }
    assertThat(ExportedMetrics.ALL).as("metrics the dashboards query").containsAll(named);
  }

  @Test
  void everyPanelUsesTheProvisionedDataSourceAndPanelIdsAreUnique() throws IOException {
    String provisioned = Files.readString(DATASOURCES);
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = json.readTree(file.toFile());
      assertThat(dashboard.path("uid").asText()).as(file.toString()).startsWith("klaxon-");
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(ids.add(panel.path("id").asInt())).as("%s: panel id %s twice", file, panel.path("id")).isTrue();
        String uid = panel.path("datasource").path("uid").asText();
        assertThat(provisioned).as("%s uses data source %s", file, uid).contains("uid: " + uid);
        assertThat(panel.path("title").asText()).isNotBlank();
      }
    }
  }

  @Test
  void queriesAreValidPromQl() throws Exception {
    assumeTrue(Files.isExecutable(PROMTOOL), "no " + PROMTOOL + ": install Debian's prometheus package to run this");
    // promtool checks rule files: every query becomes a recording rule, Grafana's variables replaced.
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
    int i = 0;
    for (String expr : allExprs()) {
      String promql = expr.replace("$service", "checkout").replace("$route", ".*");
      rules.append("      - record: dashboard_query_").append(i++).append("\n        expr: ")
          .append(json.writeValueAsString(promql)).append('\n');
    }
    Path file = dir.resolve("dashboards.rules.yml");
    Files.writeString(file, rules.toString());
    Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + i + " rules found");
  }

  private List<String> allExprs() throws IOException {
    List<String> exprs = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      for (JsonNode panel : json.readTree(file.toFile()).path("panels")) {
        panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
      }
    }
    return exprs;
  }

  private static List<Path> dashboardFiles() throws IOException {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertThat(list).extracting(f -> f.getFileName().toString())
          .contains("service-overview.json", "route-drilldown.json", "spend.json", "alerts.json");
      return list;
    }
  }
}

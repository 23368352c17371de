package dev.klaxon.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoadReportFormatTest {

  /** A small report as a run would make it, with a label value that tries to close the script element. */
  private static LoadReport report() {
    LoadProfile profile = LoadProfile.shipped("smoke");
    AlertScoring.Target spike = new AlertScoring.Target("checkout latency spike", IncidentKind.latencySpike, true,
        10_000, 30_000, Map.of("service", Set.of("checkout")), Set.of());
    List<AlertScoring.Transition> transitions = List.of(new AlertScoring.Transition(12_000, "fp", "HighP95Latency",
        "critical", "firing", Map.of("service", "checkout</script><script>alert(1)</script>")),
        new AlertScoring.Transition(13_000, "fp2", "HighP95Latency", "critical", "firing", Map.of("service", "checkout")));
    AlertScoring.Quality quality = AlertScoring.score(List.of(spike), transitions, List.of(), Duration.ofSeconds(30));
    QuantileAccuracy accuracy = new QuantileAccuracy(10_000);
    for (int i = 1; i <= 200; i++) {
      accuracy.record("checkout", 10_000 + i, i);
    }
    QuantileAccuracy.Result accuracyResult = accuracy.compare(
        List.of(new QuantileAccuracy.KlaxonWindow("checkout", 10_000, 200, 100.02, 190.05, 198.0)), 100);
    LoadReport.Percentiles lag = LoadReport.Percentiles.of(List.of(100.0, 200.0, 300.0));
    return new LoadReport("smoke", 1_000, new LoadReport.Machine(2, 2048, "1.0 1.0 1.0", "2.0 2.0 2.0", "embedded"),
        new LoadReport.Traffic(0, 40_000, 6000, 1500, 150, 5, 7, "10s", profile.incidents()), quality,
        LoadReport.DetectionTarget.of(quality), accuracyResult, new LoadReport.Lag(lag, lag, lag, lag, 2000),
        new LoadReport.Throughput(200_000, 40_000, 90_000, 25.0, 1_000_000, 300_000, 350_000, 900_000, 500_000),
        new LoadReport.Memory("measured in this run", List.of(new LoadReport.MemoryRow(1000, 20, 1_500_000))),
        List.of(new LoadReport.SentSecond(1, 150), new LoadReport.SentSecond(2, 149)), transitions,
        List.of(new AlertScoring.Notified(14_000, "b-pagerduty", "HighP95Latency", "firing", Map.of("service", "checkout"))),
        List.of("a note"));
  }

  @Test
  void jsonCarriesEveryPartOfTheReport() throws Exception {
    JsonNode json = new ObjectMapper().readTree(LoadReportFormat.json(report()));

    assertThat(json.path("quality").path("recall").asDouble()).isEqualTo(1.0);
    assertThat(json.path("quality").path("detections").get(0).path("alertSeconds").asDouble()).isEqualTo(3.0);
    assertThat(json.path("quality").path("falseAlerts")).hasSize(1);
    assertThat(json.path("accuracy").path("summaries")).hasSize(3);
    assertThat(json.path("accuracy").path("points").get(0).path("exact").asDouble()).isEqualTo(100.0);
    assertThat(json.path("traffic").path("incidents").get(0).path("at").asText()).isEqualTo("5s");
    assertThat(json.path("throughput").path("processor").asDouble()).isEqualTo(300_000);
    assertThat(json.path("throughput").path("processorSteady").asDouble()).isEqualTo(350_000);
    assertThat(json.path("memory").path("rows").get(0).path("retainedBytes").asLong()).isEqualTo(1_500_000);
    assertThat(json.path("transitions")).hasSize(2);
    assertThat(json.path("notes").get(0).asText()).isEqualTo("a note");
    assertThat(json.path("notifications").get(0).path("receiver").asText()).isEqualTo("b-pagerduty");
  }

  @Test
  void htmlIsOneFileThatLoadsNothingFromOutside() {
    String html = LoadReportFormat.html(report());

    assertThat(html).contains("<title>Klaxon load test</title>").contains("uPlot")
        .doesNotContain("/*UPLOT_JS*/").doesNotContain("/*REPORT_JSON*/").doesNotContain("/*REPORT_CSS*/");
    assertThat(Pattern.compile("(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//", Pattern.CASE_INSENSITIVE).matcher(html).find())
        .as("no script, style or image from elsewhere").isFalse();
    assertThat(html).doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import");
    // The data cannot end its script element early, whatever a label holds.
    String data = html.substring(html.indexOf("id=\"report-data\">"), html.indexOf("<script>", html.indexOf("id=\"report-data\">")));
    assertThat(data).doesNotContain("</script><script>").contains("<\\/script>");
  }
}

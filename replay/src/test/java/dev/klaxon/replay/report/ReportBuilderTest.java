package dev.klaxon.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.replay.ReplayFixtures;
import dev.klaxon.replay.ReplayResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

  private final ReplayResult result = ReplayFixtures.result();
  private final ReplayReport report = ReportBuilder.build(result, "shipped rules", "shipped routing", 0);

  @Test
  void requestSeriesAreColumnarPerServiceAndRouteWithRatesPerSecond() {
    var search = report.requests().stream().filter(s -> s.service().equals("search-api") && s.route().equals("*"))
        .findFirst().orElseThrow();
    assertThat(search.t()).hasSize(20).startsWith(ReplayFixtures.T0.toEpochMilli());
    assertThat(search.count().get(0)).isEqualTo(600);
    assertThat(search.ratePerSecond().get(0)).isEqualTo(10.0);
    assertThat(search.p95().get(5)).isEqualTo(2650.0);
    assertThat(search.errorRatePercent().get(5)).isEqualTo(7.385);
    assertThat(report.requests()).hasSize(6);
  }

  @Test
  void eachEnvironmentIsItsOwnSeries() {
    var production = ReplayFixtures.window("search-api", "*", 0, 100, 120, 0, 0);
    production.setEnvironment("production");
    var series = ReportBuilder.requestSeries(java.util.List.of(production,
        ReplayFixtures.window("search-api", "*", 0, 50, 130, 0, 0)), 60_000);
    assertThat(series).extracting(ReplayReport.RequestSeries::environment).containsExactly("", "production");
  }

  @Test
  void thresholdsOfRequestAndLogRulesAreListedButNotAbsentOnes() {
    assertThat(report.thresholds()).extracting(ReplayReport.Threshold::rule)
        .contains("HighP95Latency", "HighErrorRate", "ErrorLogs").doesNotContain("ServiceSilent");
    var p95 = report.thresholds().stream().filter(t -> t.rule().equals("HighP95Latency")).findFirst().orElseThrow();
    assertThat(p95.metric()).isEqualTo("requests.p95");
    assertThat(p95.warning()).isEqualTo(1000.0);
    assertThat(p95.critical()).isEqualTo(2000.0);
  }

  @Test
  void spendTotalsAreExactAndMostSpentFirst() {
    assertThat(report.spendTotals()).first().satisfies(top -> {
      assertThat(top.userId()).isEqualTo("batch-script");
      // 13 minutes at 0.03125 and 7 at 4.25
      assertThat(top.usd()).isEqualTo("30.15625");
      assertThat(top.events()).isEqualTo(240);
    });
    assertThat(report.spend()).hasSize(3).allSatisfy(s -> assertThat(s.t()).hasSize(20));
  }

  @Test
  void eachAlertIsOneTimelineOfItsTransitionsAndThePendingBeforeThem() {
    var p95 = report.alerts().stream().filter(a -> a.rule().equals("HighP95Latency")).findFirst().orElseThrow();
    assertThat(p95.labels()).isEqualTo(java.util.Map.of("service", "search-api"));
    assertThat(p95.changes()).extracting(c -> c.kind() + "/" + c.status() + "/" + c.severity())
        .containsExactly("fired/firing/warning", "escalated/firing/critical", "resolved/resolved/critical");
    assertThat(p95.spans()).extracting(s -> s.state() + "/" + s.severity() + " " + minute(s.from()) + "-"
        + minute(s.to()) + " " + s.endedBy()).containsExactly("pending/critical 5-6 fired",
            "firing/warning 6-7 escalated", "firing/critical 7-11 resolved");
    // The incident's error rate held (over 5 %) in minutes 5 to 9, but no transition fired it in this
    // result: pending that ended without firing.
    var errors = report.alerts().stream().filter(a -> a.rule().equals("HighErrorRate")).findFirst().orElseThrow();
    assertThat(errors.changes()).isEmpty();
    assertThat(errors.spans()).extracting(s -> s.state() + " " + minute(s.from()) + "-" + minute(s.to()) + " "
        + s.endedBy()).containsExactly("pending 5-10 condition ended");
  }

  private static long minute(long at) {
    return (at - ReplayFixtures.T0.toEpochMilli()) / 60_000;
  }

  @Test
  void theWorstWindowsAreTheIncidentsWithTheReasonTheyAreListed() {
    assertThat(report.worstWindows()).isNotEmpty();
    assertThat(report.worstWindows().get(0).service()).isEqualTo("search-api");
    assertThat(report.worstWindows().get(0).reason()).contains("highest p95");
    assertThat(report.worstWindows()).allSatisfy(w -> assertThat(w.count()).isGreaterThanOrEqualTo(20));
  }

  @Test
  void theSummaryCountsWhatTheCliPrints() {
    assertThat(report.summary().alertsFired()).isEqualTo(3);
    assertThat(report.summary().alertsResolved()).isEqualTo(2);
    assertThat(report.summary().pendingNotFired()).as("pending spans that ended without firing")
        .isEqualTo(report.alerts().stream().flatMap(a -> a.spans().stream())
            .filter(s -> s.state().equals("pending") && s.endedBy().equals("condition ended")).count())
        .isPositive();
    assertThat(report.summary().notifications()).isEqualTo(result.notifications().size());
    assertThat(report.meta().services()).containsExactly("checkout-api", "llm-gateway", "search-api");
  }

  @Test
  void jsonIsTheSameRecordTree() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportFormat.JSON.render(report));
    assertThat(json.fieldNames()).toIterable().containsExactly("meta", "summary", "requests", "thresholds",
        "errorLogs", "spend", "spendTotals", "alerts", "notifications", "worstWindows");
    assertThat(json.path("notifications").get(0).path("receiver").asText()).isEqualTo("slack");
    JsonNode p95 = json.path("alerts").get(0);
    assertThat(p95.fieldNames()).toIterable().containsExactly("fingerprint", "rule", "labels", "spans", "changes");
    assertThat(p95.path("spans").get(0).path("state").asText()).isEqualTo("pending");
    assertThat(p95.path("spans").get(0).fieldNames()).toIterable()
        .containsExactly("from", "to", "state", "severity", "endedBy");
    assertThat(p95.path("changes").get(0).path("kind").asText()).isEqualTo("fired");
  }

  @Test
  void htmlIsOneFileThatLoadsNothingFromOutside() {
    String html = ReportFormat.HTML.render(report);
    assertThat(html).contains("uPlot").contains("\"runId\":\"20261130-150000-abcd\"")
        .doesNotContain("/*UPLOT_JS*/").doesNotContain("/*REPORT_JSON*/");
    assertThat(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find())
        .as("a script, style or link loaded from the network").isFalse();
    assertThat(html.indexOf("</script>")).isGreaterThan(html.indexOf("id=\"report-data\""));
  }
}

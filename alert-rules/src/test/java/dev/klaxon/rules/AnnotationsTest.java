package dev.klaxon.rules;

import static dev.klaxon.rules.RuleEvaluationTest.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnotationsTest {

  @Test
  void summaryDescriptionAndRunbookRenderValuesThresholdsAndLabelsReadably() {
    Rule rule = rule("""
        {name: HighP95Latency, metric: requests.p95, by: [service, route], warning: 1000, critical: 2000,
         summary: "{{severity}}: p95 {{value}} on {{service}} {{route}} (over {{threshold}})",
         description: "{{metric}} of {{alertname}}", runbook: "https://runbooks.example.com/{{rule}}"}
        """);

    Map<String, String> annotations = rule.annotations(Map.of("service", "checkout", "route", "POST /pay"),
        Severity.critical, 2345.6);

    assertThat(annotations).containsExactly(
        Map.entry("summary", "critical: p95 2.3 s on checkout POST /pay (over 2 s)"),
        Map.entry("description", "requests.p95 of HighP95Latency"),
        Map.entry("runbook", "https://runbooks.example.com/HighP95Latency"),
        Map.entry("unit", "ms"));
  }

  @Test
  void theUnitAnnotationTellsReceiversHowToPrintTheBareValue() {
    Map<String, String> series = Map.of("service", "s", "user", "u", "period", "daily", "budget", "usd");
    assertThat(unitOf("BudgetUsed", series)).isEqualTo("ratio");
    assertThat(unitOf("SpendSpike", series)).isEqualTo("×");
    assertThat(unitOf("HighCostPerRequest", series)).isEqualTo("$");
    assertThat(unitOf("HighErrorRate", series)).isEqualTo("ratio");
  }

  private static String unitOf(String shippedRule, Map<String, String> series) {
    Rule rule = RuleSet.defaults().require(shippedRule);
    return rule.annotations(series, rule.lowestSeverity(), 1).get("unit");
  }

  @Test
  void emptyDescriptionAndRunbookAreLeftOut() {
    Rule rule = rule("{name: R, metric: requests.errors5xx, warning: 10, summary: \"{{value}} 5xx\"}");

    assertThat(rule.annotations(Map.of("service", "a"), Severity.warning, 12)).containsOnlyKeys("summary")
        .containsEntry("summary", "12 5xx");
  }

  @Test
  void eachUnitPrintsTheWayOnCallReadsIt() {
    assertThat(Unit.MILLIS.format(850.4)).isEqualTo("850 ms");
    assertThat(Unit.MILLIS.format(2.25)).isEqualTo("2.3 ms");
    assertThat(Unit.MILLIS.format(2000)).isEqualTo("2 s");
    assertThat(Unit.MILLIS.format(12_345)).isEqualTo("12.3 s");
    assertThat(Unit.RATIO.format(0.05)).isEqualTo("5 %");
    assertThat(Unit.RATIO.format(0.0123)).isEqualTo("1.23 %");
    assertThat(Unit.COUNT.format(57)).isEqualTo("57");
    assertThat(Unit.DURATION.format(330_000)).isEqualTo("5m30s");
  }

  @Test
  void theShippedSummariesRenderWithoutLeftoverPlaceholders() {
    for (Rule rule : RuleSet.defaults().rules()) {
      Map<String, String> series = Map.of("service", "checkout", "user", "alice", "period", "monthly", "budget", "usd");
      Map<String, String> annotations = rule.annotations(series, rule.lowestSeverity(), 1);
      assertThat(annotations.values()).as(rule.name()).noneMatch(text -> text.contains("{{"));
    }
  }

  @Test
  void describeShowsTheRuleAsUnderstoodOnOneLine() {
    assertThat(RuleSet.defaults().require("HighErrorRate").describe()).isEqualTo("HighErrorRate  requests.errorRate >"
        + " warning 1 %, critical 5 %, resolve below 0.8 %  for warning 2m/critical 0s  minCount 20  by [service]  where {}");
    assertThat(RuleSet.defaults().require("ErrorLogs").describe())
        .startsWith("ErrorLogs  logs.count[error, fatal] > warning 3, critical 5");
    assertThat(RuleSet.defaults().require("ServiceSilent").describe())
        .isEqualTo("ServiceSilent  absent > warning 5m, critical 15m  by [service]  where {}");
  }
}

package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileTest {

  private static final String VALID = """
      rules:
        - name: HighP95Latency
          metric: requests.p95
          where: {environment: production}
          by: [service, route]
          warning: 1000
          critical: 2000
          resolveBelow: 800
          for: 2m
          minCount: 20
          summary: "p95 {{value}} on {{service}} {{route}}"
          runbook: https://runbooks.example.com/p95
        - name: TrafficCollapsed
          metric: requests.count
          comparison: "<"
          critical: 5
          resolveAbove: 20
          summary: "{{service}} gets only {{value}} requests"
      """;

  @Test
  void aValidFileLoadsEveryKeyAsWritten() {
    RuleSet rules = RuleSet.parse(VALID, "test.yaml");

    Rule p95 = rules.require("HighP95Latency");
    assertThat(p95.metric()).isEqualTo(Metric.REQUESTS_P95);
    assertThat(p95.comparison()).isEqualTo(Comparison.ABOVE);
    assertThat(p95.by()).containsExactly("service", "route");
    assertThat(p95.where().allowed()).isEqualTo(Map.of("environment", Set.of("production")));
    assertThat(p95.warning()).hasValue(1000);
    assertThat(p95.critical()).hasValue(2000);
    assertThat(p95.resolveAt()).hasValue(800);
    assertThat(p95.pendingFor(Severity.warning)).isEqualTo(Duration.ofMinutes(2));
    assertThat(p95.pendingFor(Severity.critical)).isEqualTo(Duration.ofMinutes(2));
    assertThat(p95.minCount()).isEqualTo(20);
    assertThat(p95.runbook()).isEqualTo("https://runbooks.example.com/p95");

    Rule collapse = rules.require("TrafficCollapsed");
    assertThat(collapse.comparison()).isEqualTo(Comparison.BELOW);
    assertThat(collapse.by()).as("by defaults to [service]").containsExactly("service");
    assertThat(collapse.warning()).isEmpty();
    assertThat(collapse.resolveAt()).hasValue(20);
    assertThat(collapse.pendingFor(Severity.critical)).isEqualTo(Duration.ZERO);
  }

  @Test
  void theShippedRulesLoadWithoutProblemsAndFollowTheSeeds() {
    RuleSet defaults = RuleSet.defaults();

    assertThat(defaults.rules()).extracting(Rule::name).containsExactly("HighP95Latency", "HighP99Latency",
        "HighErrorRate", "Many5xxErrors", "Many4xxErrors", "ManyAuthFailures", "ErrorLogs", "ServiceSilent",
        "BudgetUsed", "SpendSpike", "HighCostPerRequest");
    assertThat(defaults.require(RuleSet.HIGH_P95_LATENCY).critical()).hasValue(2000);
    assertThat(defaults.require(RuleSet.HIGH_ERROR_RATE).critical()).hasValue(0.05);
    assertThat(defaults.require(RuleSet.HIGH_ERROR_RATE).pendingFor(Severity.warning)).isEqualTo(Duration.ofMinutes(2));
    assertThat(defaults.require(RuleSet.HIGH_ERROR_RATE).pendingFor(Severity.critical)).isEqualTo(Duration.ZERO);
    assertThat(defaults.require("HighP99Latency").critical()).hasValue(5000);
    assertThat(defaults.require("HighP99Latency").pendingFor(Severity.warning))
        .as("a p99 of a few hundred requests breaches on two outliers").isEqualTo(Duration.ofMinutes(2));
    assertThat(defaults.require("HighP99Latency").pendingFor(Severity.critical)).isEqualTo(Duration.ZERO);
    assertThat(defaults.require("ManyAuthFailures").metric()).isEqualTo(Metric.REQUESTS_AUTH_FAILURES);
    assertThat(defaults.require("ErrorLogs").levels()).containsExactlyInAnyOrder(LogLevel.error, LogLevel.fatal);
    assertThat(defaults.require("ServiceSilent").breaches(Duration.ofMinutes(6))).hasValue(Severity.warning);
    assertThat(defaults.require("ServiceSilent").breaches(Duration.ofMinutes(16))).hasValue(Severity.critical);
    assertThat(defaults.require("BudgetUsed").breaches(0.81, 0)).hasValue(Severity.warning);
    assertThat(defaults.require("BudgetUsed").breaches(1.01, 0)).hasValue(Severity.critical);
    assertThat(defaults.budgets().isEmpty()).as("no amount suits every product: budgets are the user's").isTrue();
    assertThat(defaults.require("SpendSpike").breaches(2.1, 20)).hasValue(Severity.warning);
    assertThat(defaults.require("SpendSpike").breaches(5.1, 20)).hasValue(Severity.critical);
    assertThat(defaults.require("SpendSpike").baseline()).hasValue(SpikeBaseline.DEFAULT);
    assertThat(defaults.require("HighCostPerRequest").breaches(0.11, 20)).hasValue(Severity.warning);
    assertThat(defaults.require("HighCostPerRequest").critical()).isEmpty();
    assertThat(defaults.rules()).filteredOn(r -> r.metric().unit() != Unit.COUNT && r.metric() != Metric.ABSENT)
        .filteredOn(r -> r.metric() != Metric.REQUESTS_P99 && r.metric() != Metric.SPEND_BUDGET_USED)
        .allSatisfy(r -> assertThat(r.minCount()).isEqualTo(20));
    assertThat(defaults.require("HighP99Latency").minCount()).as("a p99 of 20 requests is their slowest one").isEqualTo(100);
  }

  @Test
  void everyProblemOfAFileIsReportedAtOnceNamingTheRuleAndTheKey() {
    String yaml = """
        rules:
          - name: Slow
            metric: requests.p95
            warning: 2000
            critical: 1000
            threshold: 5
            summary: "p95 {{value}} on {{route}}"
          - name: Errors
            metric: requests.errRate
            critical: 0.05
            summary: errors
          - name: Silent
            metric: absent
            warning: 5 minutes
            critical: 15m
            summary: "{{service}} silent"
        """;

    assertThatThrownBy(() -> RuleSet.parse(yaml, "bad.yaml"))
        .isInstanceOfSatisfying(InvalidRulesException.class, e -> assertThat(e.problems()).containsExactly(
            "rules[0](Slow).threshold: unknown key (did you mean warning or critical?)",
            "rules[0](Slow).warning: warning (2 s) must be below critical (1 s) in a > rule: warning is the earlier, milder alarm",
            "rules[0](Slow).summary: {{route}} is not known here: templates may use value, threshold, severity, rule, metric"
                + " and the rule's by labels (service)",
            "rules[1](Errors).metric: unknown metric 'requests.errRate' (did you mean requests.errorRate?); known: "
                + String.join(", ", Metric.keys()),
            "rules[2](Silent).warning: '5 minutes' is not a duration: write e.g. 500ms, 10s, 2m, 1h30m, 1d"))
        .hasMessageStartingWith("bad.yaml has 5 problem(s):");
  }

  @Test
  void thresholdsInTheWrongOrderForALessThanRuleAreRefused() {
    assertThat(problems("""
        rules:
          - {name: Collapse, metric: requests.count, comparison: "<", warning: 5, critical: 50, summary: s}
        """)).containsExactly("rules[0](Collapse).warning: warning (5) must be above critical (50) in a < rule:"
        + " warning is the earlier, milder alarm");
  }

  @Test
  void resolveBelowOnTheWrongSideOrOfTheWrongKindIsRefused() {
    assertThat(problems("""
        rules:
          - {name: A, metric: requests.p95, warning: 1000, critical: 2000, resolveBelow: 1500, summary: s}
          - {name: B, metric: requests.count, comparison: "<", critical: 10, resolveAbove: 5, summary: s}
          - {name: C, metric: requests.count, comparison: "<", critical: 10, resolveBelow: 20, summary: s}
        """)).containsExactly(
        "rules[0](A).resolveBelow: resolveBelow (1.5 s) must be below the warning threshold (1 s): an alert fires"
            + " past the threshold and resolves only once back past resolveBelow",
        "rules[1](B).resolveAbove: resolveAbove (5) must be above the critical threshold (10): an alert fires"
            + " past the threshold and resolves only once back past resolveAbove",
        "rules[2](C).resolveBelow: a < rule resolves above its thresholds: use resolveAbove");
  }

  @Test
  void badDurationsLabelsLevelsAndCountsAreEachNamedByTheirKey() {
    assertThat(problems("""
        rules:
          - name: Logs
            metric: logs.count
            levels: [error, panic]
            by: [service, route]
            where: {level: error, region: eu}
            warning: 3
            for: soon
            minCount: 5
            summary: s
          - name: Quantile
            metric: requests.p99
            by: [route]
            where: {route: /login}
            critical: 5000
            minCount: -1
            for: {warning: 1m}
            summary: s
        """)).containsExactly(
        "rules[0](Logs).by[1]: 'route' is not a label of logs.count series; known: environment, level, service",
        "rules[0](Logs).where.level: log rules choose their levels with levels: [error, fatal]",
        "rules[0](Logs).where.region: 'region' is not a label of logs.count series; known: environment, level, service",
        "rules[0](Logs).levels[1]: unknown level 'panic'; known: trace, debug, info, warn, error, fatal",
        "rules[0](Logs).for: 'soon' is not a duration: write e.g. 500ms, 10s, 2m, 1h30m, 1d",
        "rules[0](Logs).minCount: only request, spend.spike and spend.costPerRequest rules have minCount (the requests,"
            + " or cost events, a window needs to count)",
        "rules[1](Quantile).by: must include service: alerts are per service, e.g. [service] or [service, route]",
        "rules[1](Quantile).for.warning: this rule has no warning threshold",
        "rules[1](Quantile).minCount: expected a whole number ≥ 0, found a number");
  }

  @Test
  void aRouteFilterOnAServiceWideRuleIsRefusedBecauseItWouldNeverMatch() {
    assertThat(problems("""
        rules:
          - {name: A, metric: requests.p95, where: {route: /login}, critical: 2000, summary: s}
        """)).containsExactly("rules[0](A).where.route: a rule by [service] reads the service-wide series (route *);"
        + " to watch routes, use by: [service, route]");
  }

  @Test
  void missingNamesMetricsThresholdsAndSummariesAreRefused() {
    assertThat(problems("""
        rules:
          - {metric: requests.p95, critical: 1}
          - {name: A, metric: requests.p95, summary: s}
          - {name: A, metric: absent, warning: 5, critical: 15m, for: 1m, summary: s}
          - {name: B, summary: "{{value"}
        """)).containsExactly(
        "rules[0].name: missing: every rule needs a name (it becomes the alertname label)",
        "rules[0].summary: missing: on-call reads the summary first, e.g. \"p95 {{value}} on {{service}}\"",
        "rules[1](A): needs a warning threshold, a critical one, or both",
        "rules[2](A).name: another rule already has this name; alerts are told apart by it",
        "rules[2](A).warning: an absent rule's thresholds are durations of silence, e.g. 5m",
        "rules[2](A).for: an absent rule's warning and critical are already durations of silence; it takes no for",
        "rules[3](B).metric: missing; one of " + String.join(", ", Metric.keys()),
        "rules[3](B): needs a warning threshold, a critical one, or both",
        "rules[3](B).summary: has a {{ that is not a placeholder; write names like {{service}}");
  }

  @Test
  void errorRatesAreFractionsAndUnknownTopLevelKeysAreRefused() {
    assertThat(problems("""
        rule: []
        rules:
          - {name: A, metric: requests.errorRate, warning: 1, critical: 5, summary: s}
        """)).containsExactly(
        "rule: unknown key (did you mean rules?)",
        "rules[0](A).critical: requests.errorRate is a fraction: write 5 % as 0.05");
  }

  @Test
  void aMissingFileOrInvalidYamlIsOneProblemNamingTheFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> RuleSet.load(dir.resolve("nope.yaml")))
        .isInstanceOf(InvalidRulesException.class).hasMessageContaining("nope.yaml").hasMessageContaining("does not exist");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "rules: [\n");
    assertThatThrownBy(() -> RuleSet.load(broken))
        .isInstanceOfSatisfying(InvalidRulesException.class,
            e -> assertThat(e.problems()).singleElement().asString().startsWith("(file): not valid YAML"));
  }

  private static List<String> problems(String yaml) {
    try {
      RuleSet.parse(yaml, "test.yaml");
    } catch (InvalidRulesException e) {
      return e.problems();
    }
    throw new AssertionError("expected the file to be refused");
  }
}

package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RulesCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void checkPrintsEveryShippedRuleAsUnderstoodOneLineEach() {
    assertThat(run("rules", "check")).as(err.toString()).isZero();

    assertThat(out.toString().lines()).hasSize(13).last().isEqualTo("11 rule(s) OK");
    assertThat(out.toString()).contains("budgets: none, so spend.budgetUsed rules never fire (add a budgets: section)");
    assertThat(out.toString()).contains("HighP95Latency  requests.p95 > warning 1 s, critical 2 s, resolve below 800 ms"
        + "  for 0s  minCount 20  by [service]  where {}");
  }

  @Test
  void checkRefusesABadFileListingEveryProblemWithItsRuleAndKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - {name: Slow, metric: requests.p95, warning: 3000, critical: 2000, summary: "{{route}} slow"}
          - {name: Typo, metric: requests.p59, critical: 1, sumary: x}
        """);

    assertThat(run("rules", "check", file.toString())).isNotZero();
    assertThat(err.toString()).contains("has 5 problem(s)", "rules[0](Slow).warning: warning (3 s) must be below critical",
        "rules[0](Slow).summary: {{route}} is not known here", "rules[1](Typo).sumary: unknown key (did you mean summary?)",
        "rules[1](Typo).metric: unknown metric 'requests.p59'", "rules[1](Typo).summary: missing");
    assertThat(out.toString()).doesNotContain("OK");
  }

  @Test
  void checkAcceptsAValidFileOfItsOwn(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - {name: Collapse, metric: requests.count, comparison: "<", critical: 5, where: {environment: production},
             summary: "{{service}} gets {{value}} requests"}
        """);

    assertThat(run("rules", "check", file.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Collapse  requests.count < critical 5  for 0s  minCount 0  by [service]"
        + "  where {environment=production}", "1 rule(s) OK");
  }

  @Test
  void checkPrintsBudgetsWithoutListingUsersAndTestJudgesASpendValue(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - {name: Budget, metric: spend.budgetUsed, warning: 0.8, critical: 1, summary: "{{user}}: {{value}} used"}
        budgets:
          default: {monthlyUsd: 50}
          plans: {pro: {monthlyUsd: 500, dailyUsd: 50}}
          users: {alice: {plan: pro}, bob: {monthlyUsd: 5}}
        """);

    assertThat(run("rules", "check", file.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("budgets: default {monthlyUsd $50.00}; 1 plan(s), 2 user(s) listed",
        "  plan pro {dailyUsd $50.00, monthlyUsd $500.00}, 1 user(s)").doesNotContain("alice");

    assertThat(run("rules", "test", "--rules", file.toString(), "--metric", "spend.budgetUsed=1.2", "--labels",
        "user=alice,period=monthly,budget=usd")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Budget: CRITICAL (120 % > 100 %)", "summary: alice: 120 % used");
  }

  @Test
  void testShowsWhichRulesFireAtWhatSeverityWithTheRenderedSummary() {
    assertThat(run("rules", "test", "--metric", "requests.p95=2300", "--labels", "service=checkout,route=/pay"))
        .as(err.toString()).isZero();

    assertThat(out.toString()).contains("HighP95Latency: CRITICAL (2.3 s > 2 s)",
        "summary: checkout: p95 latency 2.3 s (over 2 s)", "runbook: https://runbooks.example.com/klaxon/HighP95Latency");
    assertThat(out.toString()).doesNotContain("HighP99Latency");
  }

  @Test
  void testAppliesMinCountAndSaysSo() {
    assertThat(run("rules", "test", "--metric", "requests.errorRate=0.5", "--labels", "service=checkout", "--count", "5"))
        .isZero();

    assertThat(out.toString()).contains("HighErrorRate: ignored, count 5 is below minCount 20").doesNotContain("CRITICAL");
  }

  @Test
  void testReadsAbsenceAsADurationAndMentionsFor() {
    assertThat(run("rules", "test", "--metric", "absent=6m,requests.errorRate=0.02", "--labels", "service=auth")).isZero();

    assertThat(out.toString()).contains("ServiceSilent: warning (6m > 5m)", "auth has sent no events for 6m",
        "HighErrorRate: warning (2 % > 1 %), after 2m of breach");
  }

  @Test
  void testRefusesAnUnknownMetricNamingTheKnownOnes() {
    assertThat(run("rules", "test", "--metric", "requests.p95x=1")).isNotZero();
    assertThat(err.toString()).contains("unknown metric 'requests.p95x'", "requests.p95");
  }

  private int run(String... args) {
    CommandLine cli = KlaxonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}

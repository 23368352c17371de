package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spend.budgetUsed: once per period on running totals, resolved when the period is over. */
class BudgetAlertsTest {

  static final String BUDGET = """
      {name: BudgetUsed, metric: spend.budgetUsed, warning: 0.8, critical: 1.0,
       summary: "{{user}}: {{value}} of the {{period}} {{budget}} budget used (over {{threshold}})"}""";

  static final Instant NOV = Instant.parse("2026-11-01T00:00:00Z");
  static final Instant DEC = Instant.parse("2026-12-01T00:00:00Z");
  static final Instant JAN = Instant.parse("2027-01-01T00:00:00Z");
  static final Instant NOV_23 = Instant.parse("2026-11-23T00:00:00Z");
  static final Instant NOV_24 = Instant.parse("2026-11-24T00:00:00Z");

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  private void start(String budgets) {
    fixture = new EvaluatorFixture(RuleSet.parse("rules:\n  - " + BUDGET + "\n" + budgets, "test"), stateDir);
  }

  private static SpendWindow november(String user, String usd) {
    return spend(user, "*", "month", NOV, DEC, usd).build();
  }

  @Test
  void warningThenCriticalEachOnceAsTheRunningTotalGrowsResolvedByThePeriodsClosedWindow() {
    start("budgets: {default: {monthlyUsd: 100}}");

    fixture.openSpend(november("alice", "50"), minute(1));
    fixture.openSpend(november("alice", "85"), minute(2));
    fixture.openSpend(november("alice", "90"), minute(3));
    fixture.openSpend(november("alice", "101"), minute(4));
    fixture.openSpend(november("alice", "120"), minute(5));
    fixture.closedSpend(november("alice", "125"));

    List<Alert> alerts = fixture.transitions();
    assertThat(alerts).extracting(Alert::getStatus, Alert::getSeverity).containsExactly(
        tuple(AlertStatus.firing, Severity.warning), tuple(AlertStatus.firing, Severity.critical),
        tuple(AlertStatus.resolved, Severity.critical));
    assertThat(alerts.get(0).getLabels()).isEqualTo(Map.of("alertname", "BudgetUsed", "user", "alice",
        "period", "monthly", "budget", "usd", "severity", "warning"));
    assertThat(alerts.get(0).getAnnotations().get("summary"))
        .isEqualTo("alice: 85 % of the monthly usd budget used (over 80 %)");
    assertThat(alerts.get(0).getStartsAt()).as("the running total's event time").isEqualTo(minute(2));
    assertThat(alerts.get(2).getEndsAt()).isEqualTo(DEC.toEpochMilli());
    assertThat(alerts.get(2).getAnnotations().get("resolvedBecause")).isEqualTo("its period ended");
  }

  @Test
  void theNextPeriodsFirstWindowResolvesWhatStillFiresAndItsOwnBreachFiresAgain() {
    start("budgets: {default: {monthlyUsd: 100}}");
    fixture.openSpend(november("alice", "85"), minute(1));

    fixture.openSpend(spend("alice", "*", "month", DEC, JAN, "10").build(), DEC.toEpochMilli() + 60_000);
    fixture.openSpend(spend("alice", "*", "month", DEC, JAN, "81").build(), DEC.toEpochMilli() + 120_000);

    assertThat(fixture.transitions()).extracting(Alert::getStatus, Alert::getStartsAt).containsExactly(
        tuple(AlertStatus.firing, minute(1)), tuple(AlertStatus.resolved, minute(1)),
        tuple(AlertStatus.firing, DEC.toEpochMilli() + 120_000));
  }

  @Test
  void aClosedWindowThatBreachesUnseenFiresAndTheNextPeriodResolvesItLateRecordsChangeNothing() {
    start("budgets: {default: {monthlyUsd: 100}}");
    fixture.openSpend(november("alice", "70"), minute(1));

    fixture.closedSpend(november("alice", "95")); // a last burst before the month ended
    fixture.openSpend(november("alice", "99"), minute(2)); // overtaken on the way: ignored
    assertThat(fixture.transitions()).extracting(Alert::getStatus, Alert::getSeverity)
        .containsExactly(tuple(AlertStatus.firing, Severity.warning));

    fixture.openSpend(spend("alice", "*", "month", DEC, JAN, "1").build(), DEC.toEpochMilli() + 60_000);
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.resolved);
  }

  @Test
  void plansTheDefaultAndUnbudgetedUsersEachGetWhatTheirBudgetSaysAndPerProviderSeriesCountForNothing() {
    start("""
        budgets:
          default: {monthlyUsd: 50}
          plans: {pro: {monthlyUsd: 500}}
          users: {alice: {plan: pro}}
        """);

    fixture.openSpend(november("alice", "100"), minute(1));        // 20 % of pro's 500
    fixture.openSpend(spend("bob", "openai", "month", NOV, DEC, "45").build(), minute(1)); // one provider only
    fixture.openSpend(november("bob", "45"), minute(2));           // 90 % of the default 50
    fixture.openSpend(november("alice", "450"), minute(3));        // 90 % of 500

    assertThat(fixture.transitions()).extracting(a -> a.getLabels().get("user")).containsExactly("bob", "alice");
  }

  @Test
  void aUserWithoutAnyBudgetGetsNoBudgetAlert() {
    start("budgets: {users: {alice: {monthlyUsd: 5}}}");

    fixture.openSpend(november("bob", "5000"), minute(1));
    fixture.closedSpend(november("bob", "5000"));

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void aTokenBudgetReadsTheTokensUnitsOfTheWindow() {
    start("budgets: {users: {alice: {monthlyUsd: 100, monthlyTokens: 1000}}}");

    fixture.openSpend(spend("alice", "*", "month", NOV, DEC, "1").setUnits(Map.of("tokens", 900.0)).build(), minute(1));

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getLabels()).containsEntry("budget", "tokens").containsEntry("period", "monthly");
      assertThat(alert.getValue()).isEqualTo(0.9);
    });
  }

  @Test
  void aDailyBudgetReadsDayWindowsAndRollsOverEachDay() {
    start("budgets: {default: {monthlyUsd: 1000, dailyUsd: 10}}");

    fixture.openSpend(spend("alice", "*", "day", NOV_23, NOV_24, "11").build(), minute(1));
    fixture.closedSpend(spend("alice", "*", "day", NOV_23, NOV_24, "12").build());

    assertThat(fixture.transitions()).extracting(a -> a.getLabels().get("period"), Alert::getStatus, Alert::getSeverity)
        .containsExactly(tuple("daily", AlertStatus.firing, Severity.critical),
            tuple("daily", AlertStatus.resolved, Severity.critical));
  }

  @Test
  void aFiringAlertTheClosedWindowFiredResolvesAPeriodAfterItsEndWhenTheUserSpendsNoMore() {
    fixture = new EvaluatorFixture(RuleSet.parse("rules:\n  - " + BUDGET + "\nbudgets: {default: {dailyUsd: 10}}",
        "test"), stateDir, NOV_24.plusSeconds(10));
    fixture.closedSpend(spend("alice", "*", "day", NOV_23, NOV_24, "12").build());
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);

    fixture.advanceWallClock(Duration.ofHours(23));
    assertThat(fixture.transitions()).isEmpty();
    fixture.advanceWallClock(Duration.ofHours(1));

    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.resolved);
  }

  @Test
  void aRestartDoesNotSendABudgetAlertAgain() {
    start("budgets: {default: {monthlyUsd: 100}}");
    fixture.openSpend(november("alice", "85"), minute(1));
    assertThat(fixture.transitions()).hasSize(1);
    fixture.stop();

    fixture = new EvaluatorFixture(RuleSet.parse("rules:\n  - " + BUDGET + "\nbudgets: {default: {monthlyUsd: 100}}",
        "test"), stateDir);
    fixture.openSpend(november("alice", "90"), minute(2));

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void spendMakesNoServiceKnownToAbsentRules() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(AbsentDataTest.SILENT), stateDir);

    SpendWindow service = spend("*", "*", "minute", EvaluatorFixture.T0, EvaluatorFixture.T0.plusSeconds(60), "1")
        .setService("search").build();
    fixture.closedSpend(service);
    fixture.advanceWallClock(Duration.ofMinutes(20));

    assertThat(fixture.transitions()).isEmpty();
  }
}

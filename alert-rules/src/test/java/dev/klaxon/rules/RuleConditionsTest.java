package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.spend;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.klaxon.rules.RuleConditions.Condition;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RuleConditions} agrees with the evaluator, rule kind by rule kind: the same windows go through
 * the evaluator (TopologyTestDriver) and the accessor; every firing is at the end of a window whose
 * condition holds at the firing's severity and value, after the rule's {@code for} in holding windows,
 * and windows that hold without a firing are the pending ones.
 */
class RuleConditionsTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;
  private final List<RequestWindow> requests = new ArrayList<>();
  private final List<LogWindow> logs = new ArrayList<>();
  private final List<SpendWindow> spend = new ArrayList<>();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void latencyQuantilesHoldAtTheSeverityTheEvaluatorFiresAndNotWithTooFewRequests() {
    RuleSet rules = EvaluatorFixture.rules("""
        {name: SlowP95, metric: requests.p95, by: [service], warning: 1000, critical: 2000, minCount: 20,
         summary: "{{service}}"}""");
    fixture = new EvaluatorFixture(rules, stateDir);
    request(window("search", 0).setP95(100).build());
    request(window("search", 1).setP95(1500).build());
    request(window("search", 2).setP95(2500).build());
    request(window("search", 3).setP95(2500).setCount(5).build());
    request(window("search", 4).setP95(100).build());
    request(window("search", 4).setRoute("GET /a").setP95(9000).build()); // a route: not this rule's series

    List<Condition> conditions = RuleConditions.of(rules, MINUTE, requests, logs, spend);

    assertThat(conditions).extracting(Condition::windowStart, Condition::value, Condition::breach).containsExactly(
        tuple(minute(0), 100.0, Optional.empty()),
        tuple(minute(1), 1500.0, Optional.of(Severity.warning)),
        tuple(minute(2), 2500.0, Optional.of(Severity.critical)),
        tuple(minute(3), 2500.0, Optional.empty()),
        tuple(minute(4), 100.0, Optional.empty()));
    assertThat(conditions.get(0).labels()).containsEntry("alertname", "SlowP95").containsEntry("service", "search");
    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).extracting(Alert::getStatus, Alert::getSeverity)
        .containsExactly(tuple(AlertStatus.firing, Severity.warning), tuple(AlertStatus.firing, Severity.critical),
            tuple(AlertStatus.resolved, Severity.critical));
    assertAgree(rules, conditions, transitions);
  }

  @Test
  void anErrorRateHoldsWeightedOverEnvironmentsAndPendsForItsForBeforeFiring() {
    RuleSet rules = EvaluatorFixture.rules("""
        {name: Errors, metric: requests.errorRate, by: [service], warning: 0.01, for: 2m, minCount: 20,
         summary: "{{service}}"}""");
    fixture = new EvaluatorFixture(rules, stateDir);
    for (int m : new int[] {0, 1}) {
      // The healthy environment first: live, the evaluator decides on the window's series so far.
      request(window("search", m).setEnvironment("us").setErrorRate(0).build());
      request(window("search", m).setEnvironment("eu").setErrorRate(0.04).build());
    }
    request(window("search", 2).setErrorRate(0).build());
    request(window("search", 4).setErrorRate(0.04).build());
    request(window("search", 5).setErrorRate(0).build());

    List<Condition> conditions = RuleConditions.of(rules, MINUTE, requests, logs, spend);

    assertThat(conditions).extracting(Condition::windowStart, Condition::value, Condition::count, Condition::holds)
        .containsExactly(tuple(minute(0), 0.02, 200L, true), tuple(minute(1), 0.02, 200L, true),
            tuple(minute(2), 0.0, 100L, false), tuple(minute(4), 0.04, 100L, true),
            tuple(minute(5), 0.0, 100L, false));
    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).as("two windows of for: 2m; minute 4 held alone (pending, never fired)")
        .extracting(Alert::getStatus, Alert::getStartsAt, Alert::getEndsAt).containsExactly(
            tuple(AlertStatus.firing, minute(2), null), tuple(AlertStatus.resolved, minute(2), minute(3)));
    assertAgree(rules, conditions, transitions);
  }

  @Test
  void logCountsHoldOnTheSumOfTheRulesLevels() {
    RuleSet rules = EvaluatorFixture.rules("""
        {name: ErrorLogs, metric: logs.count, levels: [error, fatal], by: [service], warning: 3, summary: "{{service}}"}""");
    fixture = new EvaluatorFixture(rules, stateDir);
    log("search", LogLevel.error, 0, 2);
    log("search", LogLevel.fatal, 0, 2);
    log("search", LogLevel.warn, 0, 50);
    log("search", LogLevel.error, 1, 1);
    // No fatal window in minute 1: live, the resolution waits the settle delay for it, then decides.
    for (int s = 0; s < 3; s++) {
      fixture.advanceWallClock(java.time.Duration.ofSeconds(2));
    }

    List<Condition> conditions = RuleConditions.of(rules, MINUTE, requests, logs, spend);

    assertThat(conditions).extracting(Condition::windowStart, Condition::value, Condition::holds)
        .containsExactly(tuple(minute(0), 4.0, true), tuple(minute(1), 1.0, false));
    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).extracting(Alert::getStatus).containsExactly(AlertStatus.firing, AlertStatus.resolved);
    assertAgree(rules, conditions, transitions);
  }

  @Test
  void aSpendSpikeHoldsAgainstTheSameTrailingAverage() {
    RuleSet rules = EvaluatorFixture.rules("""
        {name: SpendSpike, metric: spend.spike, warning: 2, critical: 5, summary: "{{user}}"}""");
    fixture = new EvaluatorFixture(rules, stateDir);
    for (int h = 0; h < 6; h++) {
      spent(hour("alice", h, h % 2 == 0 ? "1.50" : "0.50"));
    }
    spent(hour("alice", 6, "6"));
    spent(hour("alice", 7, "1"));

    List<Condition> conditions = RuleConditions.of(rules, MINUTE, requests, logs, spend);

    assertThat(conditions).as("no baseline before six hours with spend")
        .extracting(Condition::windowStart, Condition::value, Condition::breach)
        .containsExactly(tuple(hourStart(6), 6.0, Optional.of(Severity.critical)),
            tuple(hourStart(7), 1 / (12.0 / 7), Optional.empty()));
    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).extracting(Alert::getStatus).containsExactly(AlertStatus.firing, AlertStatus.resolved);
    assertAgree(rules, conditions, transitions);
  }

  @Test
  void costPerRequestHoldsOnTheMinutesSpendOverItsRequestsOfEveryEnvironment() {
    RuleSet rules = EvaluatorFixture.rules("""
        {name: CostPerRequest, metric: spend.costPerRequest, warning: 0.10, minCount: 20, summary: "{{service}}"}""");
    fixture = new EvaluatorFixture(rules, stateDir);
    // Both environments before the spend: live, a pair is evaluated on each arrival once complete.
    request(window("search", 0).setEnvironment("eu").setCount(60).build());
    request(window("search", 0).setEnvironment("us").setCount(40).build());
    spent(serviceSpend("search", "openai", 0, "15")); // one provider is not the service's spend
    spent(serviceSpend("search", "*", 0, "15"));
    request(window("search", 1).setCount(100).build()); // no spend that minute: no cost per request
    spent(serviceSpend("search", "*", 2, "5"));
    request(window("search", 2).setCount(100).build());

    List<Condition> conditions = RuleConditions.of(rules, MINUTE, requests, logs, spend);

    assertThat(conditions).extracting(Condition::windowStart, Condition::value, Condition::count, Condition::holds)
        .containsExactly(tuple(minute(0), 0.15, 100L, true), tuple(minute(2), 0.05, 100L, false));
    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).extracting(Alert::getStatus).containsExactly(AlertStatus.firing, AlertStatus.resolved);
    assertAgree(rules, conditions, transitions);
  }

  @Test
  void absentAndBudgetRulesHaveNoConditionPerWindow() {
    RuleSet rules = RuleSet.defaults();
    fixture = new EvaluatorFixture(rules, stateDir);
    request(window("search", 0).build());

    List<Condition> conditions = RuleConditions.of(rules, MINUTE, requests, logs, spend);

    assertThat(conditions).extracting(Condition::rule).doesNotContain("ServiceSilent", "BudgetUsed")
        .contains("HighP95Latency", "HighErrorRate");
  }

  /**
   * Each firing (or escalation) is at the end of a window whose condition holds at the firing's severity
   * with its value; a first firing follows as many holding windows in a row as the rule's {@code for} asks.
   */
  private static void assertAgree(RuleSet rules, List<Condition> conditions, List<Alert> transitions) {
    assertThat(transitions).isNotEmpty();
    boolean firing = false;
    for (Alert alert : transitions) {
      if (alert.getStatus() == AlertStatus.resolved) {
        Condition at = conditionEndingAt(conditions, alert, alert.getEndsAt());
        assertThat(at.value()).as("value at resolution").isEqualTo(alert.getValue());
        assertThat(at.breach()).as("a resolving window breaches no threshold").isEmpty();
        firing = false;
        continue;
      }
      if (!firing) {
        Condition at = conditionEndingAt(conditions, alert, alert.getStartsAt());
        assertThat(at.breach()).as(alert.getRule() + " fired at " + Instant.ofEpochMilli(alert.getStartsAt()))
            .contains(alert.getSeverity());
        assertThat(at.value()).isEqualTo(alert.getValue());
        Rule rule = rules.require(alert.getRule());
        long size = at.windowEnd() - at.windowStart();
        long held = conditions.stream().filter(c -> c.fingerprint().equals(alert.getFingerprint()) && c.holds()
            && c.windowEnd() <= alert.getStartsAt() && c.windowEnd() > alert.getStartsAt()
            - rule.windowsToFire(alert.getSeverity(), Duration.ofMillis(size)) * size).count();
        assertThat(held).as("holding windows before firing").isEqualTo(rule.windowsToFire(alert.getSeverity(),
            Duration.ofMillis(size)));
      }
      firing = true;
    }
  }

  private static Condition conditionEndingAt(List<Condition> conditions, Alert alert, long end) {
    return conditions.stream().filter(c -> c.fingerprint().equals(alert.getFingerprint()) && c.windowEnd() == end)
        .findFirst().orElseThrow(() -> new AssertionError("no condition of " + alert.getRule() + " ending at "
            + Instant.ofEpochMilli(end)));
  }

  private void request(RequestWindow window) {
    requests.add(window);
    fixture.closed(window);
  }

  private void log(String service, LogLevel level, int m, long count) {
    logs.add(LogWindow.newBuilder().setService(service).setLevel(level).setWindowStart(minute(m))
        .setWindowEnd(minute(m + 1)).setCount(count).build());
    fixture.closedLogs(service, level, m, count);
  }

  private void spent(SpendWindow window) {
    spend.add(window);
    fixture.closedSpend(window);
  }

  private static long hourStart(int h) {
    return EvaluatorFixture.T0.plus(Duration.ofHours(h)).toEpochMilli();
  }

  private static SpendWindow hour(String user, int h, String usd) {
    return spend(user, "*", "hour", Instant.ofEpochMilli(hourStart(h)), Instant.ofEpochMilli(hourStart(h + 1)), usd)
        .build();
  }

  private static SpendWindow serviceSpend(String service, String provider, int m, String usd) {
    return spend("*", provider, "minute", Instant.ofEpochMilli(minute(m)), Instant.ofEpochMilli(minute(m + 1)), usd)
        .setService(service).build();
  }
}

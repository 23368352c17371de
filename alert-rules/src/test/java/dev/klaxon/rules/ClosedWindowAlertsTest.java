package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.p95;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts from closed windows: for, minCount, escalation, hysteresis, resolution, the record written. */
class ClosedWindowAlertsTest {

  static final String P95 = """
      {name: HighP95, metric: requests.p95, warning: 1000, critical: 2000, resolveBelow: 800, minCount: 20,
       summary: "{{service}}: p95 {{value}} (over {{threshold}})", runbook: "https://runbooks/{{rule}}"}""";
  static final String SUSTAINED = "{name: SlowSustained, metric: requests.p95, warning: 1000, for: 2m, summary: s}";
  static final String ERROR_LOGS = "{name: ErrorLogs, metric: logs.count, levels: [error, fatal], warning: 3, critical: 5, summary: s}";

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aRuleWithForFiresAfterThatManyConsecutiveBreachingWindowsAndNotBefore() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SUSTAINED), stateDir);

    fixture.closed(p95("api", 0, 1500));
    assertThat(fixture.transitions()).as("one window of a for: 2m rule is only pending").isEmpty();
    fixture.closed(p95("api", 1, 1400));

    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.firing);
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
      assertThat(alert.getStartsAt()).as("when the evidence was complete: the second window's end").isEqualTo(minute(2));
    });
  }

  @Test
  void aSingleBreachingWindowBetweenNormalOnesNeverFiresARuleWithFor() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SUSTAINED), stateDir);

    fixture.closed(p95("api", 0, 1500));
    fixture.closed(p95("api", 1, 300));
    fixture.closed(p95("api", 2, 1500));
    fixture.closed(p95("api", 4, 1500)); // minute 3 sent nothing: not consecutive

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void windowsWithFewerThanMinCountRequestsNeitherFireNorResolve() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.closed(window("api", 0).setP95(5000).setCount(19).build());
    assertThat(fixture.transitions()).as("19 requests < minCount 20").isEmpty();

    fixture.closed(window("api", 1).setP95(5000).setCount(20).build());
    assertThat(fixture.transitions()).extracting(Alert::getSeverity).containsExactly(Severity.critical);
    fixture.closed(window("api", 2).setP95(10).setCount(3).build());
    assertThat(fixture.transitions()).as("three fast requests are no evidence of recovery").isEmpty();
  }

  @Test
  void aFiringAlertEscalatesAndDeEscalatesUnderOneFingerprintAndKeepsItsStartsAt() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.closed(p95("api", 0, 1200));
    fixture.closed(p95("api", 1, 2500));
    fixture.closed(p95("api", 2, 1900)); // above 2000 - (1000 - 800): holds critical
    fixture.closed(p95("api", 3, 1500));

    var records = fixture.alerts.readKeyValuesToList();
    assertThat(records).extracting(kv -> kv.value.getSeverity())
        .containsExactly(Severity.warning, Severity.critical, Severity.warning);
    assertThat(records).extracting(kv -> kv.value.getStatus()).containsOnly(AlertStatus.firing);
    assertThat(records).extracting(kv -> kv.key).containsOnly(EvaluatorFixture.rules(P95).rules().get(0)
        .fingerprint(Map.of("service", "api")));
    assertThat(records).extracting(kv -> kv.value.getStartsAt()).containsOnly(minute(1));
    assertThat(records.get(1).value.getThreshold()).isEqualTo(2000);
    assertThat(records.get(1).value.getLabels()).containsEntry("severity", "critical");
  }

  @Test
  void aValueOscillatingAroundTheThresholdFiresOnceAndResolvesOnlyBelowResolveBelow() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    double[] p95s = {1100, 950, 1050, 900, 1020, 850, 1010, 790};
    for (int m = 0; m < p95s.length; m++) {
      fixture.closed(p95("api", m, p95s[m]));
    }

    List<Alert> transitions = fixture.transitions();
    assertThat(transitions).extracting(Alert::getStatus).containsExactly(AlertStatus.firing, AlertStatus.resolved);
    Alert resolved = transitions.get(1);
    assertThat(resolved.getValue()).isEqualTo(790);
    assertThat(resolved.getThreshold()).as("resolveBelow was crossed").isEqualTo(800);
    assertThat(resolved.getStartsAt()).isEqualTo(transitions.get(0).getStartsAt());
    assertThat(resolved.getEndsAt()).isEqualTo(minute(8));
  }

  @Test
  void theFiringRecordCarriesRuleLabelsRenderedAnnotationsValueAndThreshold() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.closed(window("checkout", 0).setP95(2300).setEnvironment("production").build());

    var record = fixture.alerts.readKeyValue();
    Alert alert = record.value;
    assertThat(record.key).isEqualTo(alert.getFingerprint()).isEqualTo(
        dev.klaxon.rules.internal.Fingerprints.of("HighP95", Map.of("service", "checkout")));
    assertThat(alert.getRule()).isEqualTo("HighP95");
    assertThat(alert.getLabels()).containsExactlyInAnyOrderEntriesOf(
        Map.of("alertname", "HighP95", "service", "checkout", "severity", "critical"));
    assertThat(alert.getAnnotations()).containsEntry("summary", "checkout: p95 2.3 s (over 2 s)")
        .containsEntry("runbook", "https://runbooks/HighP95");
    assertThat(alert.getValue()).isEqualTo(2300);
    assertThat(alert.getThreshold()).isEqualTo(2000);
    assertThat(alert.getEndsAt()).isNull();
  }

  @Test
  void errorAndFatalLinesOfOneWindowAddUpAndAResolvedAlertFiresAgainOnlyOnANewBreach() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ERROR_LOGS), stateDir);

    fixture.closedLogs("search", LogLevel.error, 0, 2);
    fixture.closedLogs("search", LogLevel.warn, 0, 40); // not a level of the rule
    assertThat(fixture.transitions()).isEmpty();
    fixture.closedLogs("search", LogLevel.fatal, 0, 2);
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getValue()).isEqualTo(4);
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
    });
    fixture.closedLogs("search", LogLevel.error, 1, 0);
    assertThat(fixture.transitions()).as("minute 1's fatal window may still come").isEmpty();
    fixture.closedLogs("search", LogLevel.fatal, 1, 0);
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.resolved);
  }

  @Test
  void aRequestRuleReadsOnlyTheSeriesItsByAsksFor() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95,
        "{name: RouteP95, metric: requests.p95, by: [service, route], critical: 2000, summary: s}"), stateDir);

    fixture.closed(window("api", 0).setRoute("GET /slow").setP95(9000).build());

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getRule()).isEqualTo("RouteP95");
      assertThat(alert.getLabels()).containsEntry("route", "GET /slow");
    });
  }

  @Test
  void windowsOfAnotherSizeAreNotEvaluated() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.closed(window("api", 0).setWindowEnd(minute(5)).setP95(9000).build());

    assertThat(fixture.transitions()).as("a 5-minute window; rules count 1-minute ones").isEmpty();
  }

  @Test
  void aRecordThatIsNotAWindowGoesToTheDeadLetterTopicAndEvaluationGoesOn() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.rawClosedRequests.pipeInput("api|*|x", new byte[] {1, 2, 3}, minute(0));
    fixture.closed(p95("api", 0, 2500));

    var deadLetter = fixture.deadLetters.readRecord();
    assertThat(deadLetter.value()).containsExactly(1, 2, 3);
    assertThat(new String(deadLetter.headers().lastHeader("klaxon.source.topic").value()))
        .isEqualTo("klaxon.metrics.requests");
    assertThat(fixture.transitions()).hasSize(1);
  }
}

package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.p95;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Design §6 fast detection: running values of open windows fire (and escalate), closed windows confirm or resolve. */
class OpenWindowAlertsTest {

  static final String P95 = ClosedWindowAlertsTest.P95;
  static final String P95_FOR_30S = """
      {name: SlowFor30s, metric: requests.p95, warning: 1000, critical: 2000, for: 30s, minCount: 20, summary: s}""";

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void anOpenWindowThatBreachesWithEnoughRequestsFiresLongBeforeItsWindowCloses() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.open(window("api", 0).setCount(10).setP95(2500).build(), minute(0.1));
    assertThat(fixture.transitions()).as("10 requests < minCount").isEmpty();
    fixture.open(window("api", 0).setCount(25).setP95(2500).build(), minute(0.2));

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.critical);
      assertThat(alert.getStartsAt()).as("event time of the open record").isEqualTo(minute(0.2));
    });
  }

  @Test
  void theClosedWindowOfAnAlertTheOpenWindowFiredConfirmsItWithoutASecondTransition() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.open(window("api", 0).setP95(2500).build(), minute(0.5));
    fixture.open(window("api", 0).setP95(2600).build(), minute(0.6));
    fixture.closed(p95("api", 0, 2400));

    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);
  }

  @Test
  void anOpenWindowNeverResolvesNorDeEscalatesOnlyItsClosedWindowDoes() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);
    fixture.closed(p95("api", 0, 2500));
    assertThat(fixture.transitions()).hasSize(1);

    fixture.open(window("api", 1).setP95(100).build(), minute(1.5));
    assertThat(fixture.transitions()).as("a half-full window is no evidence of recovery").isEmpty();
    fixture.closed(p95("api", 1, 100));

    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.resolved);
  }

  @Test
  void anOpenWindowEscalatesAFiringWarningAtOnce() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);
    fixture.closed(p95("api", 0, 1500));

    fixture.open(window("api", 1).setP95(3000).build(), minute(1.2));

    assertThat(fixture.transitions()).extracting(Alert::getSeverity).containsExactly(Severity.warning, Severity.critical);
  }

  @Test
  void withForOpenWindowsFireAfterThatManySecondsOfContinuousBreachInEventTime() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95_FOR_30S), stateDir);

    fixture.open(window("api", 0).setP95(1500).build(), minute(0.5));        // 10:00:30, breach starts
    fixture.open(window("api", 0).setP95(1600).build(), minute(0.5) + 20_000); // 20 s in
    assertThat(fixture.transitions()).isEmpty();
    fixture.open(window("api", 0).setP95(1700).build(), minute(0.5) + 30_000); // 30 s in

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
      assertThat(alert.getStartsAt()).isEqualTo(minute(1));
    });
  }

  @Test
  void aBreachInterruptedByANormalRunningValueStartsItsForAgain() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95_FOR_30S), stateDir);

    fixture.open(window("api", 0).setP95(1500).build(), minute(0.1));
    fixture.open(window("api", 0).setP95(900).build(), minute(0.3));
    fixture.open(window("api", 0).setP95(1500).build(), minute(0.4));
    fixture.open(window("api", 0).setP95(1500).build(), minute(0.8));
    assertThat(fixture.transitions()).as("breaching 24 s since the interruption").isEmpty();
    fixture.open(window("api", 0).setP95(1500).build(), minute(0.9));

    assertThat(fixture.transitions()).hasSize(1);
  }

  @Test
  void aNormalClosedWindowThatClosesAfterTheNextOpenWindowFiredDoesNotResolveIt() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);
    fixture.closed(p95("api", 0, 100));

    // Minute 2 breaches at once: its open window fires while minute 1 (normal) is still in its grace period.
    fixture.open(window("api", 2).setP95(2500).build(), minute(2.05));
    fixture.closed(p95("api", 1, 100));
    fixture.open(window("api", 2).setP95(2600).build(), minute(2.3));
    fixture.closed(p95("api", 2, 2400));

    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);
  }

  @Test
  void anOpenRecordOfAWindowAlreadyClosedIsIgnored() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir);

    fixture.closed(p95("api", 0, 300));
    fixture.open(window("api", 0).setP95(2500).build(), minute(0.9)); // overtaken on the way

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void openLogWindowsFireALogsRuleOnTheirRunningCount() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ClosedWindowAlertsTest.ERROR_LOGS), stateDir);

    fixture.openLogs("search", LogLevel.error, 0, 3, minute(0.1));
    fixture.openLogs("search", LogLevel.fatal, 0, 3, minute(0.15));

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.critical);
      assertThat(alert.getValue()).isEqualTo(6);
    });
  }

  static final String P95_FOR_2M = """
      {name: SlowFor2m, metric: requests.p95, warning: 1000, for: 2m, minCount: 20, summary: s}""";

  /** Two environments of one service: one series each, combined worst-of by the rule's service. */
  private static RequestWindow env(String environment, int m, double p95) {
    return window("api", m).setEnvironment(environment).setP95(p95).build();
  }

  @Test
  void aNewWindowsFirstSeriesAloneDoesNotRestartAForThatAllItsSeriesKeepBreaching() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95_FOR_2M), stateDir);
    fixture.open(env("a", 0, 500), minute(0.1));
    fixture.open(env("b", 0, 2500), minute(0.1));

    fixture.open(env("a", 1, 500), minute(1.01)); // b has not reported in the new window yet
    fixture.open(env("b", 1, 2500), minute(1.02));
    fixture.open(env("b", 1, 2500), minute(2.05));
    assertThat(fixture.transitions()).as("1.95 minutes of breach").isEmpty();

    fixture.open(env("b", 2, 2500), minute(2.1));
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
      assertThat(alert.getStartsAt()).isEqualTo(minute(2.1));
    });
  }

  @Test
  void aSeriesThatStoppedHoldsTheBreachsStartOnlyForTheSettle() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(P95_FOR_2M), stateDir);
    fixture.open(env("a", 0, 500), minute(0.1));
    fixture.open(env("b", 0, 2500), minute(0.1));

    fixture.open(env("a", 1, 500), minute(1.01));
    fixture.open(env("a", 1, 500), minute(1.1)); // 6 s into the window, still no b: the breach ended
    fixture.open(env("b", 1, 2500), minute(1.5));
    fixture.open(env("b", 2, 2500), minute(2.2));
    assertThat(fixture.transitions()).as("breaching again since minute 1.5 only").isEmpty();

    fixture.open(env("b", 3, 2500), minute(3.5));
    assertThat(fixture.transitions()).extracting(Alert::getSeverity).containsExactly(Severity.warning);
  }
}

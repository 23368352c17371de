package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.T0;
import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.p95;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts on the same state directory: state kept, removed rules resolved, no burst of absent alerts. */
class EvaluatorRestartTest {

  static final String P95 = ClosedWindowAlertsTest.P95;
  static final String SUSTAINED = ClosedWindowAlertsTest.SUSTAINED;
  static final String SILENT = AbsentDataTest.SILENT;

  @TempDir Path stateDir;

  @Test
  void aFiringAlertAndAPendingOneKeepTheirStateAcrossARestart() {
    EvaluatorFixture before = new EvaluatorFixture(EvaluatorFixture.rules(P95, SUSTAINED), stateDir);
    before.closed(p95("api", 0, 2500)); // HighP95 fires; SlowSustained pending, 1 of 2 windows
    assertThat(before.transitions()).extracting(Alert::getRule).containsExactly("HighP95");
    before.stop();

    try (EvaluatorFixture after = new EvaluatorFixture(EvaluatorFixture.rules(P95, SUSTAINED), stateDir)) {
      after.closed(p95("api", 1, 1500));

      assertThat(after.transitions()).extracting(Alert::getRule, Alert::getSeverity).containsExactly(
          org.assertj.core.groups.Tuple.tuple("HighP95", Severity.warning),
          org.assertj.core.groups.Tuple.tuple("SlowSustained", Severity.warning));
    }
  }

  @Test
  void alertsOfARemovedRuleResolveOnTheFirstPunctuationAfterStartAndUnchangedRulesKeepFiring() {
    EvaluatorFixture before = new EvaluatorFixture(EvaluatorFixture.rules(P95, SUSTAINED), stateDir);
    before.closed(p95("api", 0, 2500));
    before.closed(p95("api", 1, 2500));
    assertThat(before.transitions()).extracting(Alert::getRule).containsExactlyInAnyOrder("HighP95", "SlowSustained");
    before.stop();

    try (EvaluatorFixture after = new EvaluatorFixture(EvaluatorFixture.rules(P95), stateDir)) {
      after.advanceWallClock(Duration.ofSeconds(2));

      assertThat(after.transitions()).singleElement().satisfies(alert -> {
        assertThat(alert.getRule()).isEqualTo("SlowSustained");
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
        assertThat(alert.getAnnotations()).containsKey("resolvedBecause");
      });
      after.closed(p95("api", 2, 2400));
      assertThat(after.transitions()).as("HighP95 is still firing: the window confirms it").isEmpty();
      after.advanceWallClock(Duration.ofSeconds(2));
      assertThat(after.transitions()).as("resolved once, not on every punctuation").isEmpty();
    }
  }

  @Test
  void aRestartAfterADowntimeGivesKnownServicesOneRuleDurationOfGraceBeforeTheyLookAbsent() {
    EvaluatorFixture before = new EvaluatorFixture(EvaluatorFixture.rules(SILENT), stateDir);
    before.open(window("api", 0).build(), minute(0));
    before.advanceWallClock(Duration.ofMinutes(1));
    assertThat(before.transitions()).isEmpty();
    before.stop();

    // Down for 20 minutes, longer than both durations of the rule; api sends nothing after the restart.
    try (EvaluatorFixture after = new EvaluatorFixture(EvaluatorFixture.rules(SILENT), stateDir,
        T0.plus(Duration.ofMinutes(21)))) {
      after.advanceWallClock(Duration.ofSeconds(2));
      assertThat(after.transitions()).as("the downtime is no silence of api").isEmpty();
      after.advanceWallClock(Duration.ofMinutes(4));
      assertThat(after.transitions()).isEmpty();
      after.advanceWallClock(Duration.ofMinutes(1).plusSeconds(2));
      assertThat(after.transitions()).as("api, remembered across the restart, silent for 5m since it")
          .extracting(Alert::getSeverity).containsExactly(Severity.warning);
    }
  }

  @Test
  void aResolutionWaitingForAWindowsOtherLevelIsDecidedAfterARestart() {
    String errorLogs = PartialWindowTest.ERROR_LOGS;
    EvaluatorFixture before = new EvaluatorFixture(EvaluatorFixture.rules(errorLogs), stateDir);
    before.closedLogs("search", dev.klaxon.schemas.LogLevel.error, 0, 4);
    before.closedLogs("search", dev.klaxon.schemas.LogLevel.fatal, 0, 4);
    before.closedLogs("search", dev.klaxon.schemas.LogLevel.error, 1, 2); // fatal of minute 1 never comes
    assertThat(before.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);
    before.stop();

    try (EvaluatorFixture after = new EvaluatorFixture(EvaluatorFixture.rules(errorLogs), stateDir,
        T0.plusSeconds(30))) {
      after.advanceWallClock(Duration.ofSeconds(2));

      assertThat(after.transitions()).singleElement().satisfies(alert -> {
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
        assertThat(alert.getEndsAt()).isEqualTo(minute(2));
      });
    }
  }
}

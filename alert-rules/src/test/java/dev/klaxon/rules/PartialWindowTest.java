package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert fed by several series decides a closed window on all of them, whatever order they arrive in. */
class PartialWindowTest {

  static final String ERROR_LOGS = "{name: ErrorLogs, metric: logs.count, levels: [error, fatal], critical: 5, summary: s}";
  static final String ERRORS_5XX = "{name: Errors, metric: requests.errors5xx, by: [service], critical: 5, summary: s}";

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void theFirstLevelOfAWindowAloneUnderTheThresholdDoesNotResolveWhileTheSumStillBreaches() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ERROR_LOGS), stateDir);
    fixture.closedLogs("search", LogLevel.error, 0, 4);
    fixture.closedLogs("search", LogLevel.fatal, 0, 4);
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);

    fixture.closedLogs("search", LogLevel.error, 1, 2);
    fixture.closedLogs("search", LogLevel.fatal, 1, 4);
    fixture.advanceWallClock(Duration.ofSeconds(10));

    assertThat(fixture.transitions()).as("2 + 4 still breaches 5: no flap").isEmpty();
  }

  @Test
  void aWindowWhoseLevelsTogetherRecoverResolvesOnceAtTheWindowsEnd() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ERROR_LOGS), stateDir);
    fixture.closedLogs("search", LogLevel.error, 0, 4);
    fixture.closedLogs("search", LogLevel.fatal, 0, 4);
    fixture.transitions();

    fixture.closedLogs("search", LogLevel.error, 1, 2);
    assertThat(fixture.transitions()).as("fatal of minute 1 may still come").isEmpty();
    fixture.closedLogs("search", LogLevel.fatal, 1, 1);

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getValue()).isEqualTo(3);
      assertThat(alert.getEndsAt()).isEqualTo(minute(2));
    });
  }

  @Test
  void aLevelThatSendsNothingInAWindowDelaysTheResolutionOnlyUntilTheSettleDelay() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ERROR_LOGS), stateDir);
    fixture.closedLogs("search", LogLevel.error, 0, 4);
    fixture.closedLogs("search", LogLevel.fatal, 0, 4);
    fixture.transitions();

    fixture.closedLogs("search", LogLevel.error, 1, 2); // no fatal line in minute 1: no fatal window
    fixture.advanceWallClock(Duration.ofSeconds(2));
    assertThat(fixture.transitions()).isEmpty();
    for (int s = 0; s < 4; s++) {
      fixture.advanceWallClock(Duration.ofSeconds(2));
    }

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getEndsAt()).as("the window's end, not the wall clock").isEqualTo(minute(2));
    });
  }

  @Test
  void theNextWindowsFirstRecordDecidesAWindowWhoseOtherLevelNeverCame() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ERROR_LOGS), stateDir);
    fixture.closedLogs("search", LogLevel.error, 0, 4);
    fixture.closedLogs("search", LogLevel.fatal, 0, 4);
    fixture.transitions();

    fixture.closedLogs("search", LogLevel.error, 1, 2);
    fixture.closedLogs("search", LogLevel.error, 2, 1);

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getEndsAt()).isEqualTo(minute(2));
    });
  }

  @Test
  void twoEnvironmentsOfARequestRuleByServiceResolveOnlyOnTheirSum() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(ERRORS_5XX), stateDir);
    fixture.closed(window("checkout", 0).setEnvironment("production").setErrors5xx(4).build());
    fixture.closed(window("checkout", 0).setEnvironment("staging").setErrors5xx(4).build());
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);

    fixture.closed(window("checkout", 1).setEnvironment("production").setErrors5xx(2).build());
    fixture.closed(window("checkout", 1).setEnvironment("staging").setErrors5xx(4).build());
    assertThat(fixture.transitions()).as("2 + 4 still breaches").isEmpty();

    fixture.closed(window("checkout", 2).setEnvironment("production").setErrors5xx(2).build());
    assertThat(fixture.transitions()).isEmpty();
    fixture.closed(window("checkout", 2).setEnvironment("staging").setErrors5xx(1).build());
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getEndsAt()).isEqualTo(minute(3));
    });
  }
}

package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.p95;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Absent rules: silence of a known service measured on the wall clock, with no event arriving at all. */
class AbsentDataTest {

  static final String SILENT = """
      {name: ServiceSilent, metric: absent, warning: 5m, critical: 15m, summary: "{{service}} silent for {{value}}"}""";

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aKnownServiceSilentForTheWarningDurationFiresEscalatesAndResolvesWhenWindowsReturn() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SILENT), stateDir);
    fixture.open(window("api", 0).build(), minute(0));

    fixture.advanceWallClock(Duration.ofMinutes(4));
    assertThat(fixture.transitions()).isEmpty();
    fixture.advanceWallClock(Duration.ofMinutes(1).plusSeconds(2));
    List<Alert> fired = fixture.transitions();
    assertThat(fired).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
      assertThat(alert.getLabels()).containsEntry("service", "api");
      assertThat(alert.getAnnotations().get("summary")).isEqualTo("api silent for 5m2s");
    });
    fixture.advanceWallClock(Duration.ofMinutes(10));
    assertThat(fixture.transitions()).extracting(Alert::getSeverity).containsExactly(Severity.critical);

    fixture.open(window("api", 16).build(), minute(16));
    fixture.advanceWallClock(Duration.ofSeconds(2));
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getFingerprint()).isEqualTo(fired.get(0).getFingerprint());
    });
  }

  @Test
  void aServiceThatKeepsSendingNeverLooksAbsent() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SILENT), stateDir);

    for (int m = 0; m < 20; m++) {
      fixture.open(window("api", m).build(), minute(m));
      fixture.advanceWallClock(Duration.ofMinutes(1));
    }

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void aServiceLastSeenBeyondTheLookbackIsForgottenAndItsAbsentAlertResolves() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SILENT), stateDir);
    fixture.open(window("api", 0).build(), minute(0));
    fixture.advanceWallClock(Duration.ofMinutes(6));
    assertThat(fixture.transitions()).hasSize(1);

    fixture.advanceWallClock(Duration.ofHours(24)); // one punctuation, a day later

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getAnnotations().get("resolvedBecause")).startsWith("not seen for");
    });
    fixture.advanceWallClock(Duration.ofHours(1));
    assertThat(fixture.transitions()).as("forgotten: not absent any more").isEmpty();
  }

  @Test
  void aServiceNeverSeenIsNotAbsent() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SILENT), stateDir);
    fixture.closed(p95("api", 0, 100));

    fixture.advanceWallClock(Duration.ofMinutes(30));

    assertThat(fixture.transitions()).extracting(alert -> alert.getLabels().get("service")).containsOnly("api")
        .as("web was never seen: no alert for it").doesNotContain("web");
  }

  @Test
  void aWhereOnEnvironmentWatchesOnlyThatEnvironmentsSeries() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules("""
        {name: ProdSilent, metric: absent, where: {environment: production}, warning: 5m, summary: s}"""), stateDir);
    fixture.open(window("api", 0).setEnvironment("staging").build(), minute(0));
    fixture.open(window("web", 0).setEnvironment("production").build(), minute(0));

    fixture.advanceWallClock(Duration.ofMinutes(6));

    assertThat(fixture.transitions()).extracting(alert -> alert.getLabels().get("service")).containsExactly("web");
  }
}

package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.T0;
import static dev.klaxon.rules.EvaluatorFixture.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spend.spike: a closed hour's spend against the average of the series' previous active hours. */
class SpendSpikeTest {

  static final String SPIKE = """
      {name: SpendSpike, metric: spend.spike, warning: 2, critical: 5,
       summary: "{{user}}: an hour's spend {{value}} the usual (over {{threshold}})"}""";
  static final String SERVICE_SPIKE = """
      {name: ServiceSpendSpike, metric: spend.spike, by: [service, provider], warning: 2, summary: "{{service}} {{provider}}"}""";

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  private static Instant hour(int h) {
    return T0.plus(Duration.ofHours(h));
  }

  private void hour(String user, int h, String usd) {
    fixture.closedSpend(spend(user, "*", "hour", hour(h), hour(h + 1), usd).build());
  }

  @Test
  void anHourFarAboveTheTrailingAverageFiresCriticalAndANormalHourResolvesIt() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SPIKE), stateDir);
    for (int h = 0; h < 6; h++) {
      hour("alice", h, h % 2 == 0 ? "1.50" : "0.50");
    }
    assertThat(fixture.transitions()).isEmpty();

    hour("alice", 6, "6");
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.critical);
      assertThat(alert.getValue()).isEqualTo(6.0);
      assertThat(alert.getLabels()).containsEntry("user", "alice").doesNotContainKey("provider");
      assertThat(alert.getAnnotations().get("summary")).isEqualTo("alice: an hour's spend 6× the usual (over 5×)");
    });

    hour("alice", 7, "1");
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.resolved);
  }

  @Test
  void twiceTheAverageWarnsAndIdleHoursInBetweenDoNotLowerTheBaseline() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SPIKE), stateDir);
    for (int h = 0; h < 6; h++) {
      hour("alice", h * 3, "1"); // active one hour in three: no windows for the idle ones
    }

    hour("alice", 20, "2.5");

    assertThat(fixture.transitions()).extracting(Alert::getSeverity).containsExactly(Severity.warning);
  }

  @Test
  void aSeriesWithoutEnoughHistoryIsNotJudged() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SPIKE), stateDir);
    for (int h = 0; h < 5; h++) {
      hour("alice", h, "1");
    }

    hour("alice", 5, "100");

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void steadySpendNeverSpikes() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SPIKE), stateDir);

    for (int h = 0; h < 48; h++) {
      hour("alice", h, h % 3 == 0 ? "1.40" : "1.00");
    }

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void aSpikeAlertResolvesWhenTheUserSpendsNothingForTwoHours() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SPIKE), stateDir);
    for (int h = 0; h < 7; h++) {
      hour("alice", h, h < 6 ? "1" : "10");
    }
    assertThat(fixture.transitions()).hasSize(1);

    fixture.advanceWallClock(Duration.ofMinutes(90));
    assertThat(fixture.transitions()).isEmpty();
    fixture.advanceWallClock(Duration.ofMinutes(31));

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getAnnotations().get("resolvedBecause")).isEqualTo("no spend evaluated for 2h");
    });
  }

  @Test
  void rulesByServiceAndProviderReadPerServicePerProviderSeriesOnly() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(SPIKE, SERVICE_SPIKE), stateDir);
    for (int h = 0; h < 7; h++) {
      String usd = h < 6 ? "1" : "3";
      fixture.closedSpend(spend("*", "openai", "hour", hour(h), hour(h + 1), usd).setService("search").build());
      fixture.closedSpend(spend("*", "*", "hour", hour(h), hour(h + 1), usd).setService("search").build());
      fixture.closedSpend(spend("bob", "openai", "hour", hour(h), hour(h + 1), usd).build());
    }

    assertThat(fixture.transitions()).extracting(Alert::getRule, a -> a.getLabels().get("service"),
        a -> a.getLabels().get("provider")).containsExactly(tuple("ServiceSpendSpike", "search", "openai"));
  }
}

package dev.klaxon.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.loadtest.load.AlertScoring.Detection;
import dev.klaxon.loadtest.load.AlertScoring.Notified;
import dev.klaxon.loadtest.load.AlertScoring.Quality;
import dev.klaxon.loadtest.load.AlertScoring.Target;
import dev.klaxon.loadtest.load.AlertScoring.Transition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertScoringTest {

  private static final Duration SLACK = Duration.ofSeconds(30);
  private static final Target SPIKE = new Target("spike", IncidentKind.latencySpike, true, 10_000, 70_000,
      Map.of("service", Set.of("checkout")), Set.of());
  private static final Target RUNAWAY = new Target("runaway", IncidentKind.costRunaway, true, 20_000, Long.MAX_VALUE,
      Map.of("user", Set.of("script"), "service", Set.of("llm")), Set.of("BudgetUsed", "HighCostPerRequest"));
  private static final Target DRIFT = new Target("drift", IncidentKind.drift, false, 0, 300_000,
      Map.of("service", Set.of("catalog")), Set.of());

  @Test
  void anAlertOnTheIncidentsServiceAfterItsFirstEventDetectsIt() {
    Quality quality = AlertScoring.score(List.of(SPIKE, RUNAWAY, DRIFT), List.of(
            firing(12_500, "fp1", "HighP95Latency", "critical", "service", "checkout"),
            firing(14_000, "fp2", "HighP99Latency", "warning", "service", "checkout"),
            firing(21_000, "fp3", "BudgetUsed", "warning", "user", "script")),
        List.of(new Notified(22_500, "pagerduty", "HighP95Latency", "firing",
            Map.of("alertname", "HighP95Latency", "severity", "critical", "service", "checkout"))),
        SLACK);

    assertThat(quality.detections()).extracting(Detection::incident, Detection::alertSeconds, Detection::webhookSeconds)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spike", 2.5, 12.5),
            org.assertj.core.groups.Tuple.tuple("runaway", 1.0, null),
            org.assertj.core.groups.Tuple.tuple("drift", null, null));
    assertThat(quality.detections().get(0).rules()).containsExactly("HighP95Latency", "HighP99Latency");
    assertThat(quality.recall()).isEqualTo(1.0);
    assertThat(quality.incidentsExpected()).isEqualTo(2);
    assertThat(quality.falseAlerts()).isEmpty();
    assertThat(quality.flaps()).isEmpty();
    assertThat(quality.episodes()).isEqualTo(3);
  }

  @Test
  void alertsWithNoIncidentBehindThemOrOnADriftAreFalse() {
    Quality quality = AlertScoring.score(List.of(SPIKE, DRIFT), List.of(
            firing(5_000, "a", "HighP95Latency", "warning", "service", "checkout"),      // before the spike began
            firing(20_000, "b", "Many5xxErrors", "warning", "service", "search"),        // no incident on search
            firing(200_000, "c", "HighP95Latency", "warning", "service", "checkout"),    // long after it ended
            firing(60_000, "d", "HighP95Latency", "warning", "service", "catalog")),     // the drift alerted
        List.of(), SLACK);

    assertThat(quality.falseAlerts()).extracting(AlertScoring.FalseAlert::arrivedAtMs)
        .containsExactly(5_000L, 20_000L, 200_000L, 60_000L);
    assertThat(quality.falseAlerts().get(3).why()).contains("drift");
    assertThat(quality.recall()).isEqualTo(0.0);
    assertThat(quality.detections().get(0).detected()).isFalse();
  }

  @Test
  void aRunawayIsAlertedBySpendRulesNotByASilenceOfTheBilledService() {
    Quality quality = AlertScoring.score(List.of(RUNAWAY), List.of(
            firing(25_000, "s", "ServiceSilent", "warning", "service", "llm"),
            firing(26_000, "c", "HighCostPerRequest", "warning", "service", "llm")),
        List.of(), SLACK);

    assertThat(quality.detections().get(0).rules()).containsExactly("HighCostPerRequest");
    assertThat(quality.falseAlerts()).extracting(AlertScoring.FalseAlert::rule).containsExactly("ServiceSilent");
  }

  @Test
  void firingAgainAfterResolvingIsAFlapButAnEscalationIsNot() {
    Quality quality = AlertScoring.score(List.of(SPIKE), List.of(
            firing(11_000, "fp", "HighP95Latency", "warning", "service", "checkout"),
            firing(12_000, "fp", "HighP95Latency", "critical", "service", "checkout"),
            transition(40_000, "fp", "resolved", "service", "checkout"),
            firing(50_000, "fp", "HighP95Latency", "critical", "service", "checkout")),
        List.of(), SLACK);

    assertThat(quality.flaps()).singleElement().satisfies(flap -> {
      assertThat(flap.resolvedAtMs()).isEqualTo(40_000);
      assertThat(flap.firedAgainAtMs()).isEqualTo(50_000);
    });
    assertThat(quality.episodes()).isEqualTo(2);
    assertThat(quality.falseAlerts()).isEmpty();
  }

  @Test
  void anEscalatedAlertsNotificationCountsForItsEpisode() {
    Map<String, String> warning = Map.of("alertname", "BudgetUsed", "severity", "warning", "user", "script");
    Map<String, String> critical = Map.of("alertname", "BudgetUsed", "severity", "critical", "user", "script");
    Quality quality = AlertScoring.score(List.of(RUNAWAY), List.of(
            new Transition(21_000, "b", "BudgetUsed", "warning", "firing", warning),
            new Transition(21_000, "b", "BudgetUsed", "critical", "firing", critical)),
        List.of(new Notified(31_000, "pagerduty", "BudgetUsed", "firing", critical),
            new Notified(32_000, "pagerduty", "BudgetUsed", "firing", Map.of("alertname", "BudgetUsed", "user", "someone-else"))),
        SLACK);

    assertThat(quality.episodes()).isEqualTo(1);
    assertThat(quality.detections().get(0).webhookSeconds()).isEqualTo(11.0);
  }

  @Test
  void withNoIncidentThatShouldAlertRecallIsOne() {
    assertThat(AlertScoring.score(List.of(DRIFT), List.of(), List.of(), SLACK).recall()).isEqualTo(1.0);
  }

  private static Transition firing(long at, String fingerprint, String rule, String severity, String label,
      String value) {
    return new Transition(at, fingerprint, rule, severity, "firing", Map.of(label, value));
  }

  private static Transition transition(long at, String fingerprint, String status, String label, String value) {
    return new Transition(at, fingerprint, "HighP95Latency", "critical", status, Map.of(label, value));
  }
}

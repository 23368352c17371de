package dev.klaxon.replay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.klaxon.replay.AlertTransition;
import dev.klaxon.replay.ReplayFixtures;
import dev.klaxon.replay.report.ReplayReport.AlertChange;
import dev.klaxon.replay.report.ReplayReport.AlertSpan;
import dev.klaxon.replay.report.ReplayReport.AlertTimeline;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleConditions;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timeline's spans: pending derived from the rules' conditions, firing from the transitions. */
class AlertSpansTest {

  private static final RuleSet RULES = RuleSet.parse("""
      rules:
        - {name: SlowSearch, metric: requests.p95, by: [service], warning: 1000, critical: 2000, for: 2m,
           minCount: 20, summary: "{{service}} {{value}}"}
      """, "test");
  private static final Rule RULE = RULES.require("SlowSearch");
  private static final String FINGERPRINT = RULE.fingerprint(Map.of("service", "search-api"));

  /** p95 per minute of search-api; the range is minutes 0 to 14. */
  private static final double[] P95 = {100, 1500, 1500, 2500, 2500, 100, 100, 100, 1500, 100, 100, 100, 1500, 1500};

  @Test
  void pendingRunsFromTheFirstHoldingWindowToTheFiringItLedToOrToWhereTheConditionStoppedHolding() {
    // What the evaluator writes for these windows (for: 2m): warning at the end of minute 2, critical at the
    // end of minute 4, resolved at the end of minute 5.
    List<AlertTransition> transitions = List.of(
        transition(3, Severity.warning, AlertStatus.firing, 1500),
        transition(5, Severity.critical, AlertStatus.firing, 2500),
        transition(6, Severity.critical, AlertStatus.resolved, 100));

    List<AlertTimeline> timelines = AlertSpans.timelines(transitions, conditions(), at(14));

    assertThat(timelines).singleElement().satisfies(timeline -> {
      assertThat(timeline.rule()).isEqualTo("SlowSearch");
      assertThat(timeline.labels()).isEqualTo(Map.of("service", "search-api"));
      assertThat(timeline.spans()).extracting(AlertSpan::state, AlertSpan::severity, AlertSpan::from, AlertSpan::to,
          AlertSpan::endedBy).containsExactly(
              tuple("pending", "warning", at(1), at(3), "fired"),
              tuple("firing", "warning", at(3), at(5), "escalated"),
              tuple("firing", "critical", at(5), at(6), "resolved"),
              tuple("pending", "warning", at(8), at(9), "condition ended"),
              tuple("pending", "warning", at(12), at(14), "condition ended"));
      assertThat(timeline.changes()).extracting(AlertChange::kind).containsExactly("fired", "escalated", "resolved");
    });
  }

  @Test
  void anAlertThatWasOnlyPendingHasATimelineWithoutChanges() {
    List<AlertTimeline> timelines = AlertSpans.timelines(List.of(), conditions(), at(14));

    assertThat(timelines).singleElement().satisfies(timeline -> {
      assertThat(timeline.changes()).isEmpty();
      assertThat(timeline.spans()).extracting(AlertSpan::state).containsOnly("pending");
      assertThat(timeline.spans()).extracting(AlertSpan::from, AlertSpan::to).containsExactly(
          tuple(at(1), at(5)), tuple(at(8), at(9)), tuple(at(12), at(14)));
      assertThat(timeline.spans().get(0).severity()).as("the worst severity the run breached").isEqualTo("critical");
    });
  }

  @Test
  void aDeescalationIsNamed() {
    List<AlertChange> changes = AlertSpans.changes(List.of(transition(3, Severity.critical, AlertStatus.firing, 2500),
        transition(4, Severity.warning, AlertStatus.firing, 1500), transition(5, Severity.warning, AlertStatus.resolved, 100)));

    assertThat(changes).extracting(AlertChange::kind).containsExactly("fired", "de-escalated", "resolved");
  }

  private static List<RuleConditions.Condition> conditions() {
    List<RequestWindow> windows = new ArrayList<>();
    for (int m = 0; m < P95.length; m++) {
      windows.add(ReplayFixtures.window("search-api", "*", m, 600, P95[m], 0, 0));
    }
    return RuleConditions.of(RULES, Duration.ofMinutes(1), windows, List.of(), List.of());
  }

  private static long at(int minute) {
    return ReplayFixtures.T0.plus(Duration.ofMinutes(minute)).toEpochMilli();
  }

  private static AlertTransition transition(int minute, Severity severity, AlertStatus status, double value) {
    Alert alert = Alert.newBuilder().setFingerprint(FINGERPRINT).setRule("SlowSearch").setSeverity(severity)
        .setStatus(status).setLabels(Map.of("alertname", "SlowSearch", "service", "search-api", "severity", severity.name()))
        .setAnnotations(Map.of("summary", "search-api " + value)).setValue(value)
        .setThreshold(RULE.threshold(severity).getAsDouble()).setStartsAt(at(3))
        .setEndsAt(status == AlertStatus.resolved ? at(minute) : null).build();
    return new AlertTransition(at(minute), alert);
  }
}

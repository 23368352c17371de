package dev.klaxon.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** State written before the evaluator waited for a window's other series restores and keeps deciding as then. */
class AlertStateCompatibilityTest {

  @Test
  void aFiringStateWithoutExpectedSeriesDecidesANewSeriesAtOnceAsBefore() {
    Rule rule = RuleSet.parse("rules:\n  - {name: ErrorLogs, metric: logs.count, levels: [error, fatal], critical: 5, summary: s}\n",
        "test").rules().get(0);
    long t0 = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
    String old = """
        {"rule":"ErrorLogs","labels":{"alertname":"ErrorLogs","service":"search"},"status":"FIRING",
         "severity":"critical","startsAt":%d,"value":8.0,"threshold":5.0,"closedStart":%d,
         "closedSamples":{"search|error":{"value":4.0,"count":4},"search|fatal":{"value":4.0,"count":4}},
         "breachingBefore":0,"criticalBefore":0,"closedBreach":"critical","openStart":%d,"openSamples":{},
         "periodStart":%d,"periodEnd":0,"periodClosed":false,"updatedAt":%d}""".formatted(t0 + 60_000, t0,
        Long.MIN_VALUE, Long.MIN_VALUE, t0);
    AlertState state = new AlertStateSerde().deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));
    AlertStateMachine machine = new AlertStateMachine(rule, Duration.ofMinutes(1));
    // Mid-window restore: the second series of the stored window, written before the new fields existed.
    LogWindow fatal = LogWindow.newBuilder().setService("search").setLevel(LogLevel.fatal).setWindowStart(t0)
        .setWindowEnd(t0 + 60_000).setCount(0).build();

    var transitions = machine.onClosed("fp", state, WindowSample.of(fatal, true, t0), new Sample(0, 0), t0);

    assertThat(transitions).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.resolved);
      assertThat(alert.getEndsAt()).isEqualTo(t0 + 60_000);
    });
    assertThat(state.closedDeferredAt()).isNull();
  }
}

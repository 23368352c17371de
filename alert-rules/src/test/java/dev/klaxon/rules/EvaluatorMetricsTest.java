package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.p95;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules role's own counters, as /metrics shows them (Prometheus text). */
class EvaluatorMetricsTest {

  @TempDir Path stateDir;

  @Test
  void transitionsByRuleAndStatusWindowsEvaluatedAndDeadLettersAreCountedAtMetrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RuleSet rules = EvaluatorFixture.rules(ClosedWindowAlertsTest.P95, ClosedWindowAlertsTest.SUSTAINED);
    try (EvaluatorFixture fixture = new EvaluatorFixture(rules, stateDir, EvaluatorFixture.T0,
        new EvaluatorMetrics(registry))) {
      fixture.open(p95("checkout", 0, 2500), minute(0.5)); // HighP95 fires critical from the open window
      fixture.closed(p95("checkout", 0, 2500));            // confirmed; SlowSustained pending
      fixture.closed(p95("checkout", 1, 2500));            // SlowSustained fires after 2 windows
      fixture.closed(p95("checkout", 2, 100));             // both resolve
      fixture.closed(p95("checkout", 3, 100));             // nothing
      fixture.rawClosedRequests.pipeInput("checkout|*|x", new byte[] {1, 2, 3}, minute(4));

      assertThat(fixture.transitions()).hasSize(4);
      assertThat(fixture.deadLetters.getQueueSize()).isEqualTo(1);
    }

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("klaxon_rules_transitions_total{rule=\"HighP95\",status=\"firing\"} 1.0")
        .contains("klaxon_rules_transitions_total{rule=\"HighP95\",status=\"resolved\"} 1.0")
        .contains("klaxon_rules_transitions_total{rule=\"SlowSustained\",status=\"firing\"} 1.0")
        .contains("klaxon_rules_transitions_total{rule=\"SlowSustained\",status=\"resolved\"} 1.0")
        .contains("klaxon_rules_windows_evaluated_total{window=\"closed\"} 4.0")
        .contains("klaxon_rules_windows_evaluated_total{window=\"open\"} 1.0")
        .contains("klaxon_rules_dead_letters_total 1.0");
  }
}

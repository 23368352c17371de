package dev.klaxon.rules;

import dev.klaxon.schemas.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The rules role's own counters at {@code /metrics}, named like the sink's ({@code klaxon_sink_...}):
 *
 * <ul>
 *   <li>{@code klaxon_rules_transitions_total{rule,status}}: alert transitions written to
 *       {@code klaxon.alerts} ({@code status} firing or resolved; an escalation is a firing)
 *   <li>{@code klaxon_rules_windows_evaluated_total{window}}: metric windows of the rules' window size
 *       evaluated ({@code window} closed or open); windows of other sizes only mark a service alive
 *   <li>{@code klaxon_rules_dead_letters_total}: records on the metric topics that are not windows,
 *       written to {@code klaxon.deadletter}
 * </ul>
 *
 * They count work done: after a crash, work redone since the last commit is counted again (the
 * transitions on {@code klaxon.alerts} are exactly once; these are a rate to watch, not a ledger).
 */
public final class EvaluatorMetrics {

  private final MeterRegistry registry;
  private final Counter closedWindows;
  private final Counter openWindows;
  private final Counter deadLetters;

  public EvaluatorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.closedWindows = windows(registry, "closed");
    this.openWindows = windows(registry, "open");
    this.deadLetters = Counter.builder("klaxon.rules.dead.letters")
        .description("Records on the metric topics that are not windows, written to the dead-letter topic")
        .register(registry);
  }

  /** Counts nothing anywhere (tests, tools that evaluate without serving /metrics). */
  public static EvaluatorMetrics none() {
    return new EvaluatorMetrics(new CompositeMeterRegistry());
  }

  private static Counter windows(MeterRegistry registry, String window) {
    return Counter.builder("klaxon.rules.windows.evaluated")
        .description("Metric windows of the rules' window size evaluated by the rules")
        .tag("window", window).register(registry);
  }

  public void windowEvaluated(boolean closed) {
    (closed ? closedWindows : openWindows).increment();
  }

  public void transitionWritten(Alert alert) {
    Counter.builder("klaxon.rules.transitions").description("Alert transitions written to the alerts topic")
        .tag("rule", alert.getRule()).tag("status", alert.getStatus().name()).register(registry).increment();
  }

  public void deadLettered() {
    deadLetters.increment();
  }
}

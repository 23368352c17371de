package dev.klaxon.rules;

import dev.klaxon.rules.internal.ClosedWindowConditions;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each rule's condition says of a run of closed windows, decided by the evaluator's own code
 * (series selection, the metric's value, series of one alert combined, thresholds, {@code minCount};
 * spike baselines and cost-per-request pairs), without its state or a topology. The evaluator writes
 * only firing and resolved transitions; a replay derives from these when an alert was <em>pending</em>:
 * its condition held, but not yet for the rule's {@code for}.
 *
 * <p>Rules with no condition per closed window give none: {@code absent} (silence on the wall clock) and
 * {@code spend.budgetUsed} (running totals; it fires at once, so it is never pending).
 */
public final class RuleConditions {

  /**
   * One closed window as one rule's alert sees it.
   *
   * @param labels the alert's labels ({@code alertname} and the rule's {@code by} labels)
   * @param value the rule's metric in the window, the alert's series combined as the evaluator combines them
   * @param count the window's samples (requests, log lines, cost events)
   * @param breach the severity the value breaches, critical first; empty when none, or too few samples
   */
  public record Condition(String rule, String fingerprint, Map<String, String> labels, long windowStart,
      long windowEnd, double value, long count, Optional<Severity> breach) {

    public Condition {
      labels = Map.copyOf(labels);
    }

    public boolean holds() {
      return breach.isPresent();
    }
  }

  private RuleConditions() {}

  /**
   * Every rule's conditions over these closed windows, ordered by alert and window start.
   *
   * @param windowSize the size request and log rules evaluate (the processor's first window); windows of
   *     other sizes are not evaluated, as live
   */
  public static List<Condition> of(RuleSet rules, Duration windowSize, List<RequestWindow> requests,
      List<LogWindow> logs, List<SpendWindow> spend) {
    return ClosedWindowConditions.of(rules, windowSize, requests, logs, spend);
  }
}

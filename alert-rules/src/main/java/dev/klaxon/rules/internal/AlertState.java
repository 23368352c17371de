package dev.klaxon.rules.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.klaxon.schemas.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The evaluator's memory of one alert (rule + {@code by} labels), the value of the {@code alert-state}
 * store keyed by fingerprint. Mutable: the state machine updates it in place and the processor
 * writes it back in the same transaction as the transitions it caused. Stored as JSON
 * ({@link AlertStateSerde}), readable with any changelog consumer.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AlertState {

  /** No window seen yet. */
  public static final long NONE = Long.MIN_VALUE;

  public enum Status { INACTIVE, PENDING, FIRING }

  String rule;
  /** {@code alertname} and the rule's {@code by} labels. */
  Map<String, String> labels = new LinkedHashMap<>();
  Status status = Status.INACTIVE;
  /** While firing: the severity last written to klaxon.alerts. */
  Severity severity;
  long startsAt;
  double value;
  double threshold;
  /** While firing: the annotations last written, so an alert whose rule was removed still resolves readably. */
  Map<String, String> annotations;

  /** The newest closed window evaluated, and the samples of its series (several for summed levels). */
  long closedStart = NONE;
  long closedEnd;
  Map<String, Sample> closedSamples = new LinkedHashMap<>();
  /**
   * The series expected in the window at {@link #closedStart}: those of the previous closed window and of
   * its own open window. Their closed windows arrive one by one; a transition the missing ones could
   * reverse waits for them. Null (state written before this field): nothing is waited for.
   */
  Set<String> closedExpected;
  /**
   * Wall clock since which the window at {@link #closedStart} has a transition waiting for its missing
   * series; null when none waits. Decided when they arrive, at the next window's first closed record,
   * or after a settle delay, on what arrived.
   */
  Long closedDeferredAt;
  /** Consecutive breaching closed windows before {@link #closedStart}: at any severity, at critical. */
  int breachingBefore;
  int criticalBefore;
  /** What the window at {@link #closedStart} breaches, null for nothing. */
  Severity closedBreach;

  /** The newest open window seen (always after {@link #closedStart}), its series' running samples. */
  long openStart = NONE;
  Map<String, Sample> openSamples = new LinkedHashMap<>();
  /**
   * The series of the open window before {@link #openStart}: until they report in this one (or it is
   * a few seconds old), a combination without them does not end a breach. Null: none expected (also
   * state written before this field).
   */
  Set<String> openExpected;
  /** Event time since which open windows breach continuously: at any severity, at critical; null if not. */
  Long breachingSince;
  Long criticalSince;

  /**
   * Budget alerts ({@link BudgetStateMachine}): the period (day or month window) the state speaks for, and
   * whether its closed window, the final total, has been seen.
   */
  long periodStart = NONE;
  long periodEnd;
  boolean periodClosed;

  /** Wall clock of the last change, to forget inactive alerts of series that went away. */
  long updatedAt;

  AlertState() {}

  public static AlertState of(String rule, Map<String, String> labels) {
    AlertState state = new AlertState();
    state.rule = rule;
    state.labels = new LinkedHashMap<>(labels);
    return state;
  }

  public String rule() {
    return rule;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public Status status() {
    return status;
  }

  public Severity severity() {
    return severity;
  }

  public long updatedAt() {
    return updatedAt;
  }

  /** Wall clock since which a closed window's transition waits for the window's other series, or null. */
  public Long closedDeferredAt() {
    return closedDeferredAt;
  }

  /** Nothing to remember beyond the last closed window: no breach under way, not firing. */
  public boolean isQuiet() {
    return status == Status.INACTIVE;
  }

  int breachingWindows() {
    return closedBreach == null ? 0 : breachingBefore + 1;
  }

  int criticalWindows() {
    return closedBreach == Severity.critical ? criticalBefore + 1 : 0;
  }
}

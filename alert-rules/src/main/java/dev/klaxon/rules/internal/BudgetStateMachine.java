package dev.klaxon.rules.internal;

import dev.klaxon.rules.Rule;
import dev.klaxon.rules.internal.AlertState.Status;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code spend.budgetUsed} rule's alert for one user's budget in one period: fired once per period,
 * resolved when the period is over, never because usage dips (running totals only grow, and the user
 * did spend that much).
 *
 * <ul>
 *   <li>A running (open) total fires the alert as soon as it crosses warning, and escalates it when it
 *       crosses critical; totals that keep growing past an alert already sent send nothing.
 *   <li>The period's closed window is its final total: it fires or escalates what the running totals
 *       did not show (they are published at most once per commit, so a last burst before the period's
 *       end may appear only here); otherwise it resolves the alert, the period being over.
 *   <li>The first window of a later period resolves what is still firing, then counts afresh.
 *   <li>An alert the closed window fired resolves at the next period's first window or, if the user
 *       spends nothing more, once a whole period has passed since its end ({@link #onStale}).
 * </ul>
 */
public final class BudgetStateMachine {

  private static final String PERIOD_ENDED = "its period ended";

  private final Rule rule;

  public BudgetStateMachine(Rule rule) {
    this.rule = rule;
  }

  public Rule rule() {
    return rule;
  }

  /** The transitions (none, one, or a resolution and a new firing) for a share {@code value} used. */
  public List<Alert> onUse(String fingerprint, AlertState state, SpendSample spend, double value) {
    List<Alert> transitions = new ArrayList<>();
    long start = spend.windowStart();
    if (start < state.periodStart) {
      return transitions; // an earlier period, arriving late: its alert was settled
    }
    if (start > state.periodStart) {
      if (state.status == Status.FIRING) {
        transitions.add(AlertStateMachine.resolveBecause(fingerprint, state, state.value, state.periodEnd, PERIOD_ENDED));
      }
      state.periodStart = start;
      state.periodEnd = spend.windowEnd();
      state.periodClosed = false;
    }
    if (state.periodClosed) {
      return transitions; // a running total overtaken by its period's final one
    }
    Optional<Severity> breach = rule.breaches(value, Long.MAX_VALUE);
    boolean firing = state.status == Status.FIRING;
    boolean news = breach.isPresent() && (!firing || (breach.get() == Severity.critical
        && state.severity != Severity.critical));
    if (news) {
      transitions.add(AlertStateMachine.fire(rule, fingerprint, state, breach.get(), value,
          firing ? state.startsAt : spend.eventTime()));
    } else if (firing) {
      state.value = value;
    }
    if (spend.closed()) {
      state.periodClosed = true;
      if (firing && !news) {
        transitions.add(AlertStateMachine.resolveBecause(fingerprint, state, value, spend.windowEnd(), PERIOD_ENDED));
      }
    }
    return transitions;
  }

  /**
   * Resolves an alert still firing a whole period after its period's end (wall clock {@code now}): its
   * closed window fired it and the user has spent nothing since.
   */
  public Optional<Alert> onStale(String fingerprint, AlertState state, long now) {
    if (state.status != Status.FIRING || !state.periodClosed
        || now < state.periodEnd + (state.periodEnd - state.periodStart)) {
      return Optional.empty();
    }
    return Optional.of(AlertStateMachine.resolveBecause(fingerprint, state, state.value, now, PERIOD_ENDED));
  }
}

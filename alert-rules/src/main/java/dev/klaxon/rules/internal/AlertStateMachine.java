package dev.klaxon.rules.internal;

import dev.klaxon.rules.Rule;
import dev.klaxon.rules.internal.AlertState.Status;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rule's alert lifecycle (inactive → pending → firing → resolved, design §7), decided per window
 * sample on an {@link AlertState} updated in place. At most one transition per sample, returned as the
 * record for {@code klaxon.alerts}; the caller stores the state and writes the record together.
 *
 * <ul>
 *   <li>Closed windows: {@code for} counts consecutive breaching windows ({@link Rule#windowsToFire});
 *       a firing alert holds, escalates, de-escalates or resolves ({@link Rule#holds}, hysteresis), but
 *       does not resolve or de-escalate while a newer window's running value still breaches. A window
 *       fed by several series is decided on all of them: what the missing ones could reverse waits.
 *   <li>Open windows (fast detection, design §6): fire, or escalate, once the running value has breached
 *       continuously for {@code for} in event time (at once for {@code for: 0}). Never de-escalate or
 *       resolve: a half-full window is no evidence of recovery. Their window's closed record confirms
 *       (no transition) or corrects them.
 *   <li>Silence ({@code absent} rules): the time since the service's last window, checked on the wall clock.
 * </ul>
 */
public final class AlertStateMachine {

  /**
   * How long, in event time from its start, a new open window waits for the last one's series before a
   * combination without them may end a breach: the processor publishes each series' first running
   * values within a commit interval of its first event, so a series still missing after this had none.
   */
  static final long OPEN_WINDOW_SETTLE_MS = EvaluationProcessor.PARTIAL_WINDOW_SETTLE.toMillis();

  private final Rule rule;
  private final long windowMs;

  public AlertStateMachine(Rule rule, Duration windowSize) {
    this.rule = rule;
    this.windowMs = windowSize.toMillis();
  }

  public Rule rule() {
    return rule;
  }

  /**
   * One series' closed window. Returns the transitions in order: a transition of the previous window
   * that waited for its missing series is decided first, on what arrived of it, when the next window's
   * first record comes.
   */
  public List<Alert> onClosed(String fingerprint, AlertState state, WindowSample window, Sample sample, long now) {
    long start = window.windowStart();
    if (start < state.closedStart) {
      return List.of(); // an older window arriving late: the newer one has spoken
    }
    List<Alert> transitions = new ArrayList<>(2);
    if (start > state.closedStart) {
      settle(fingerprint, state).ifPresent(transitions::add);
      boolean contiguous = state.closedStart != AlertState.NONE && start == state.closedStart + windowMs;
      state.breachingBefore = contiguous ? state.breachingWindows() : 0;
      state.criticalBefore = contiguous ? state.criticalWindows() : 0;
      state.closedExpected = expectedSeries(state, start);
      state.closedStart = start;
      state.closedSamples = new LinkedHashMap<>();
      state.closedBreach = null;
      if (state.openStart <= start) {
        state.openStart = AlertState.NONE;
        state.openSamples = new LinkedHashMap<>();
      }
    }
    // Several series may feed this alert in one window (summed log levels): evaluate their sum so far.
    state.closedSamples.put(window.seriesId(), sample);
    state.closedEnd = window.windowEnd();
    decideClosed(fingerprint, state, !windowComplete(state), now).ifPresent(transitions::add);
    return transitions;
  }

  /**
   * Decides a transition of the window at {@link AlertState#closedStart} that waits for series that did
   * not come (a series with nothing in a window has no window record): on what arrived. Empty when none waits.
   */
  public Optional<Alert> settle(String fingerprint, AlertState state) {
    if (state.closedDeferredAt == null) {
      return Optional.empty();
    }
    return decideClosed(fingerprint, state, false, state.closedDeferredAt);
  }

  /**
   * The closed path's decision on the window's series combined so far. While some expected series are
   * missing ({@code partial}), a transition only stands if no further series can reverse it
   * ({@link Sample#drift}): e.g. a count above its threshold fires on the first level that arrives (more
   * levels only add to it), but resolves only once the other level is in too; a request-weighted rate
   * waits either way. Otherwise it waits ({@link AlertState#closedDeferredAt}); firing on part of a window
   * would be acceptable only where the open window fires anyway (running values), and for a rate it would
   * only flap back when the window's other environment arrives.
   */
  private Optional<Alert> decideClosed(String fingerprint, AlertState state, boolean partial, long now) {
    Sample combined = Sample.combine(rule, state.closedSamples.values());
    state.closedBreach = rule.breaches(combined.value(), combined.count()).orElse(null);
    Sample.Drift drift = Sample.drift(rule);
    boolean mayLower = !partial || drift == Sample.Drift.IMPROVES;
    boolean mayRaise = !partial || drift == Sample.Drift.WORSENS;
    state.closedDeferredAt = null;

    if (state.status == Status.FIRING) {
      Optional<Severity> next = rule.holds(state.severity, combined.value(), combined.count());
      boolean lowers = next.isEmpty() || next.get().compareTo(state.severity) > 0;
      if (lowers && newerOpenWindowBreaches(state, state.closedStart)) {
        // This window closed after the next one's running value fired (or kept) the alert: ending or
        // lowering it now would only flap back at that window's next publication.
        return Optional.empty();
      }
      boolean raises = next.isPresent() && next.get().compareTo(state.severity) < 0;
      if (lowers && !mayLower || raises && !mayRaise) {
        return defer(state, now);
      }
      if (next.isEmpty()) {
        return Optional.of(resolve(fingerprint, state, combined.value(), state.closedEnd));
      }
      if (next.get() != state.severity) {
        return Optional.of(fire(fingerprint, state, next.get(), combined.value(), state.startsAt));
      }
      state.value = combined.value();
      return Optional.empty(); // confirmed, e.g. an alert the open window fired
    }
    Optional<Severity> due = dueByWindows(state);
    if (due.isPresent() && !mayRaise) {
      state.status = Status.PENDING;
      return defer(state, now);
    }
    if (due.isPresent()) {
      return Optional.of(fire(fingerprint, state, due.get(), combined.value(), state.closedEnd));
    }
    state.status = state.closedBreach != null || state.breachingSince != null ? Status.PENDING : Status.INACTIVE;
    return Optional.empty();
  }

  private static Optional<Alert> defer(AlertState state, long now) {
    state.closedDeferredAt = now;
    return Optional.empty();
  }

  /** Whether every series expected in the window at {@link AlertState#closedStart} has arrived. */
  private static boolean windowComplete(AlertState state) {
    return allArrived(state.closedExpected, state.closedSamples);
  }

  /** Whether every expected series has a sample; null expects none. */
  private static boolean allArrived(Set<String> expected, Map<String, Sample> samples) {
    return expected == null || samples.keySet().containsAll(expected);
  }

  /**
   * The series a new closed window at {@code start} should bring: those of the previous closed window, and
   * those that fed its own open window, if that is still the open one remembered.
   */
  private static Set<String> expectedSeries(AlertState state, long start) {
    Set<String> expected = new LinkedHashSet<>(state.closedSamples.keySet());
    if (state.openStart == start) {
      expected.addAll(state.openSamples.keySet());
    }
    return expected;
  }

  public Optional<Alert> onOpen(String fingerprint, AlertState state, WindowSample window, Sample sample) {
    long start = window.windowStart();
    if (start <= state.closedStart || start < state.openStart) {
      return Optional.empty(); // its window is closed already, or a newer one is open
    }
    if (start > state.openStart) {
      state.openExpected = state.openSamples.isEmpty() ? null : new LinkedHashSet<>(state.openSamples.keySet());
      state.openStart = start;
      state.openSamples = new LinkedHashMap<>();
    }
    state.openSamples.put(window.seriesId(), sample);
    Sample combined = Sample.combine(rule, state.openSamples.values());
    if (!rule.hasEnoughSamples(combined.count())) {
      return Optional.empty(); // too few samples yet: no evidence either way
    }
    long now = window.eventTime();
    Optional<Severity> breach = rule.breaches(combined.value(), combined.count());
    if (breach.isEmpty()) {
      if (awaitingSeries(state, now)) {
        return Optional.empty(); // part of a new window's series: no evidence that the breach ended
      }
      state.breachingSince = null;
      state.criticalSince = null;
      if (state.status == Status.PENDING && state.closedBreach == null) {
        state.status = Status.INACTIVE;
      }
      return Optional.empty();
    }
    state.breachingSince = state.breachingSince == null ? Long.valueOf(now) : state.breachingSince;
    state.criticalSince = breach.get() != Severity.critical ? null
        : state.criticalSince == null ? Long.valueOf(now) : state.criticalSince;
    boolean criticalDue = state.criticalSince != null
        && now - state.criticalSince >= rule.pendingFor(Severity.critical).toMillis();
    if (state.status == Status.FIRING) {
      if (state.severity != Severity.critical && criticalDue) {
        return Optional.of(fire(fingerprint, state, Severity.critical, combined.value(), state.startsAt));
      }
      return Optional.empty();
    }
    if (criticalDue) {
      return Optional.of(fire(fingerprint, state, Severity.critical, combined.value(), now));
    }
    if (rule.warning().isPresent() && now - state.breachingSince >= rule.pendingFor(Severity.warning).toMillis()) {
      return Optional.of(fire(fingerprint, state, Severity.warning, combined.value(), now));
    }
    state.status = Status.PENDING;
    return Optional.empty();
  }

  /**
   * Whether a new open window still lacks series that fed the last one, for at most {@link
   * #OPEN_WINDOW_SETTLE_MS} of its event time, while they could lift its combination over the
   * threshold ({@link Sample#drift}). Its first series alone would otherwise restart a {@code for}
   * that all of them, together, keep breaching. The bound keeps a series that stopped from holding
   * an old breach's start for a whole window.
   */
  private boolean awaitingSeries(AlertState state, long now) {
    return !allArrived(state.openExpected, state.openSamples) && Sample.drift(rule) != Sample.Drift.IMPROVES
        && now - state.openStart < OPEN_WINDOW_SETTLE_MS;
  }

  /** An {@code absent} rule, for a service silent for {@code silence} (wall clock {@code now}). */
  public Optional<Alert> onSilence(String fingerprint, AlertState state, Duration silence, long now) {
    double value = silence.toMillis();
    if (state.status == Status.FIRING) {
      Optional<Severity> next = rule.holds(state.severity, silence);
      if (next.isEmpty()) {
        return Optional.of(resolve(fingerprint, state, value, now));
      }
      if (next.get() != state.severity) {
        return Optional.of(fire(fingerprint, state, next.get(), value, state.startsAt));
      }
      return Optional.empty();
    }
    return rule.breaches(silence).map(severity -> fire(fingerprint, state, severity, value, now));
  }

  /**
   * Resolves a firing alert that nothing evaluates any more: its rule was removed from the file (or
   * no longer makes this alert), or its service was forgotten. {@code reason} becomes an annotation.
   */
  public static Alert resolveOrphan(String fingerprint, AlertState state, long now, String reason) {
    return resolveBecause(fingerprint, state, state.value, now, reason);
  }

  /** Resolves a firing alert with its last annotations and {@code reason} as {@code resolvedBecause}. */
  static Alert resolveBecause(String fingerprint, AlertState state, double value, long endsAt, String reason) {
    Map<String, String> annotations = new LinkedHashMap<>(state.annotations == null ? Map.of() : state.annotations);
    annotations.put("resolvedBecause", reason);
    state.annotations = annotations;
    return resolved(fingerprint, state, value, endsAt);
  }

  private boolean newerOpenWindowBreaches(AlertState state, long closedStart) {
    if (state.openStart <= closedStart || state.openSamples.isEmpty()) {
      return false;
    }
    Sample open = Sample.combine(rule, state.openSamples.values());
    return rule.breaches(open.value(), open.count()).isPresent();
  }

  /** The severity closed windows have earned: critical first, each after its own {@code for}. */
  private Optional<Severity> dueByWindows(AlertState state) {
    Duration size = Duration.ofMillis(windowMs);
    if (rule.critical().isPresent() && state.criticalWindows() > 0
        && state.criticalWindows() >= rule.windowsToFire(Severity.critical, size)) {
      return Optional.of(Severity.critical);
    }
    if (rule.warning().isPresent() && state.breachingWindows() > 0
        && state.breachingWindows() >= rule.windowsToFire(Severity.warning, size)) {
      return Optional.of(Severity.warning);
    }
    return Optional.empty();
  }

  private Alert fire(String fingerprint, AlertState state, Severity severity, double value, long startsAt) {
    return fire(rule, fingerprint, state, severity, value, startsAt);
  }

  /** Fires (or escalates, de-escalates) {@code rule}'s alert at {@code severity}. */
  static Alert fire(Rule rule, String fingerprint, AlertState state, Severity severity, double value, long startsAt) {
    state.status = Status.FIRING;
    state.severity = severity;
    state.startsAt = startsAt;
    state.value = value;
    state.threshold = rule.threshold(severity).orElse(Double.NaN);
    state.annotations = rule.annotations(state.labels, severity, value);
    return record(fingerprint, state, AlertStatus.firing, null);
  }

  private Alert resolve(String fingerprint, AlertState state, double value, long endsAt) {
    // What was crossed on the way back: resolveBelow/Above, else the lowest threshold.
    state.threshold = rule.resolveAt().orElse(rule.threshold(rule.lowestSeverity()).getAsDouble());
    state.annotations = rule.annotations(state.labels, state.severity, value);
    return resolved(fingerprint, state, value, endsAt);
  }

  private static Alert resolved(String fingerprint, AlertState state, double value, long endsAt) {
    state.value = value;
    Alert alert = record(fingerprint, state, AlertStatus.resolved, endsAt);
    state.status = Status.INACTIVE;
    state.severity = null;
    state.annotations = null;
    state.breachingSince = null;
    state.criticalSince = null;
    // Windows already counted do not count again towards the next firing.
    state.breachingBefore = 0;
    state.criticalBefore = 0;
    state.closedBreach = null;
    return alert;
  }

  private static Alert record(String fingerprint, AlertState state, AlertStatus status, Long endsAt) {
    Map<String, String> labels = new LinkedHashMap<>(state.labels);
    labels.put("severity", state.severity.name());
    return Alert.newBuilder()
        .setFingerprint(fingerprint)
        .setRule(state.rule)
        .setSeverity(state.severity)
        .setStatus(status)
        .setLabels(labels)
        .setAnnotations(new LinkedHashMap<>(state.annotations == null ? Map.of() : state.annotations))
        .setValue(state.value)
        .setThreshold(state.threshold)
        .setStartsAt(state.startsAt)
        .setEndsAt(endsAt)
        .build();
  }
}

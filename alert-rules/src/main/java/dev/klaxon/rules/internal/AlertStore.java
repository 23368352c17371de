package dev.klaxon.rules.internal;

import dev.klaxon.rules.Rule;
import dev.klaxon.schemas.Alert;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@code alert-state} store and the way out to {@code klaxon.alerts}, shared by everything that
 * evaluates rules (metric windows, spend): a state and the transitions it caused are saved and written
 * in the same step, so they commit together.
 */
final class AlertStore {

  /** Where transitions go: forwarded to {@code klaxon.alerts} and counted. */
  interface Output {
    void emit(String fingerprint, Alert alert, long timestamp);
  }

  private final KeyValueStore<String, AlertState> states;
  private final Output output;
  /** Fingerprints whose state has a closed window's transition waiting ({@link AlertState#closedDeferredAt}). */
  private final Set<String> waiting = new LinkedHashSet<>();

  AlertStore(KeyValueStore<String, AlertState> states, Output output) {
    this.states = states;
    this.output = output;
  }

  KeyValueStore<String, AlertState> states() {
    return states;
  }

  /** The state of {@code rule}'s alert for {@code series}, new (inactive) when there is none. */
  AlertState load(Rule rule, String fingerprint, Map<String, String> series) {
    AlertState state = states.get(fingerprint);
    return state != null ? state : AlertState.of(rule.name(), rule.alertLabels(series));
  }

  /** One window sample through {@code machine}: state loaded, decided, saved, its transition written. */
  void evaluate(AlertStateMachine machine, WindowSample window, Sample sample, long now, long timestamp) {
    Rule rule = machine.rule();
    String fingerprint = rule.fingerprint(window.series());
    AlertState state = load(rule, fingerprint, window.series());
    List<Alert> transitions = window.closed() ? machine.onClosed(fingerprint, state, window, sample, now)
        : machine.onOpen(fingerprint, state, window, sample).stream().toList();
    save(fingerprint, state, now);
    track(fingerprint, state);
    transitions.forEach(alert -> output.emit(fingerprint, alert, timestamp));
  }

  /**
   * Closed windows' transitions that waited at least {@code settle} for series that did not come
   * ({@link AlertStateMachine#settle}): decided on what arrived, at wall clock {@code now}.
   */
  void settleWaiting(Map<String, AlertStateMachine> machines, Duration settle, long now) {
    for (Iterator<String> it = waiting.iterator(); it.hasNext(); ) {
      String fingerprint = it.next();
      AlertState state = states.get(fingerprint);
      AlertStateMachine machine = state == null ? null : machines.get(state.rule);
      if (machine == null || state.closedDeferredAt == null) {
        it.remove(); // decided meanwhile, or its rule is gone (the orphan sweep resolves it)
        continue;
      }
      if (now - state.closedDeferredAt < settle.toMillis()) {
        continue;
      }
      Optional<Alert> transition = machine.settle(fingerprint, state);
      it.remove();
      save(fingerprint, state, now);
      transition.ifPresent(alert -> output.emit(fingerprint, alert, now));
    }
  }

  /** Remembers {@code fingerprint} if a transition of its state waits: on each evaluation, and for every state after a restart. */
  void track(String fingerprint, AlertState state) {
    if (state.closedDeferredAt != null) {
      waiting.add(fingerprint);
    }
  }

  void save(String fingerprint, AlertState state, long now) {
    state.updatedAt = now;
    states.put(fingerprint, state);
  }

  void emit(String fingerprint, Alert alert, long timestamp) {
    output.emit(fingerprint, alert, timestamp);
  }
}

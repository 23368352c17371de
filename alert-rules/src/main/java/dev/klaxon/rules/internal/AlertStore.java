package dev.klaxon.rules.internal;

import dev.klaxon.rules.Rule;
import dev.klaxon.schemas.Alert;
import java.util.Map;
import java.util.Optional;
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
    Optional<Alert> transition = window.closed() ? machine.onClosed(fingerprint, state, window, sample)
        : machine.onOpen(fingerprint, state, window, sample);
    save(fingerprint, state, now);
    transition.ifPresent(alert -> output.emit(fingerprint, alert, timestamp));
  }

  void save(String fingerprint, AlertState state, long now) {
    state.updatedAt = now;
    states.put(fingerprint, state);
  }

  void emit(String fingerprint, Alert alert, long timestamp) {
    output.emit(fingerprint, alert, timestamp);
  }
}

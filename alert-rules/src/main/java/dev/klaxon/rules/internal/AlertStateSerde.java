package dev.klaxon.rules.internal;

/** {@link AlertState} as JSON in the {@code alert-state} store and its changelog. */
public final class AlertStateSerde extends JsonSerde<AlertState> {

  public AlertStateSerde() {
    super(AlertState.class);
  }
}

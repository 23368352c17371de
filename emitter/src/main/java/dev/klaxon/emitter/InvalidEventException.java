package dev.klaxon.emitter;

import java.util.List;

/**
 * An event that the gateway would refuse (the shared {@code EventRules}): a required field
 * missing, a value out of range, too long or beyond a bound such as the longest duration. Thrown on the caller's thread by the event builders and {@link KlaxonEmitter#emit}, so mistakes
 * show up in the application's own tests rather than as dropped batches later.
 */
public final class InvalidEventException extends IllegalArgumentException {

  private final List<String> fields;

  public InvalidEventException(String eventType, List<String> fields, List<String> problems) {
    super("invalid " + eventType + ": " + String.join("; ", problems));
    this.fields = List.copyOf(fields);
  }

  /** The fields at fault, in the order they were checked. */
  public List<String> fields() {
    return fields;
  }
}

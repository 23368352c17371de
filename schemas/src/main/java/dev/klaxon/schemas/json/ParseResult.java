package dev.klaxon.schemas.json;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Outcome of parsing events: either every event, or every error and no events at all (the
 * gateway's all-or-nothing contract, design §9).
 */
public record ParseResult(List<SpecificRecord> events, List<FieldError> errors) {

  public ParseResult {
    events = List.copyOf(events);
    errors = List.copyOf(errors);
    if (!events.isEmpty() && !errors.isEmpty()) {
      throw new IllegalArgumentException("a parse result holds events or errors, not both");
    }
  }

  static ParseResult ok(List<SpecificRecord> events) {
    return new ParseResult(events, List.of());
  }

  static ParseResult failed(List<FieldError> errors) {
    return new ParseResult(List.of(), errors);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /** The events; throws {@link InvalidEventsException} listing every error if there were any. */
  public List<SpecificRecord> eventsOrThrow() {
    if (!isValid()) {
      throw new InvalidEventsException(errors);
    }
    return events;
  }
}

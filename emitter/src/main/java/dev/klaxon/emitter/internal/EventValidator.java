package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.InvalidEventException;
import dev.klaxon.schemas.validation.EventLimits;
import dev.klaxon.schemas.validation.EventRules;
import dev.klaxon.schemas.validation.FieldViolation;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The gateway's rules ({@link EventRules}, default limits) checked on the caller's thread: a batch
 * holding one bad event is refused whole by the gateway, so bad events must never get into a
 * batch. Timestamps are also checked against the emitter's clock, since with the Kafka transport
 * no gateway does it.
 */
public final class EventValidator {

  private final EventRules rules;

  public EventValidator(Clock clock) {
    this.rules = EventRules.atIngest(EventLimits.defaults(), clock);
  }

  /**
   * Checks {@code event}; {@code unset} names required primitive fields the caller never set
   * (a record cannot tell 0 from "not set"), reported as missing.
   *
   * @throws InvalidEventException naming every field at fault
   * @throws IllegalArgumentException when {@code event} is not a RequestEvent, LogEvent or CostEvent
   */
  public void validate(SpecificRecord event, Collection<String> unset) {
    List<FieldViolation> violations = rules.check(event, unset);
    if (!violations.isEmpty()) {
      throw new InvalidEventException(event.getSchema().getName(),
          violations.stream().map(FieldViolation::field).toList(),
          violations.stream().map(FieldViolation::message).toList());
    }
  }
}

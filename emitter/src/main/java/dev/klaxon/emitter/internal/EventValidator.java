package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.InvalidEventException;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.validation.EventLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.specific.SpecificRecord;

/**
 * The gateway's rules for events (design §4, {@code EventJsonParser}), checked on the caller's
 * thread: a batch holding one bad event is refused whole by the gateway, so bad events must never
 * get into a batch. Hand-written rather than a JSON round trip through the parser, which would
 * cost every {@code emit} a few microseconds.
 */
public final class EventValidator {

  private static final EventLimits LIMITS = EventLimits.defaults();
  private static final LogicalTypes.Decimal COST_USD =
      (LogicalTypes.Decimal) CostEvent.getClassSchema().getField("costUsd").schema().getLogicalType();

  private final String type;
  private final List<String> fields = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  private EventValidator(String type) {
    this.type = type;
  }

  /**
   * Checks {@code event}; {@code unset} names required primitive fields the caller never set
   * (a record cannot tell 0 from "not set"), reported as missing.
   *
   * @throws InvalidEventException naming every field at fault
   */
  public static void validate(SpecificRecord event, Collection<String> unset) {
    EventValidator check = new EventValidator(event.getSchema().getName());
    unset.forEach(field -> check.problem(field, field + " is required"));
    if (event instanceof RequestEvent request) {
      check.request(request, unset);
    } else if (event instanceof LogEvent log) {
      check.log(log);
    } else if (event instanceof CostEvent cost) {
      check.cost(cost);
    } else {
      throw new IllegalArgumentException("not a Klaxon input event (RequestEvent, LogEvent or CostEvent): "
          + event.getSchema().getFullName());
    }
    if (!check.problems.isEmpty()) {
      throw new InvalidEventException(check.type, check.fields, check.problems);
    }
  }

  private void request(RequestEvent e, Collection<String> unset) {
    requiredIdentifier("service", e.getService());
    requiredIdentifier("route", e.getRoute());
    optionalIdentifier("method", e.getMethod());
    if (!unset.contains("status") && (e.getStatus() < 100 || e.getStatus() > 599)) {
      problem("status", "status must be between 100 and 599, got " + e.getStatus());
    }
    if (!unset.contains("durationMs")) {
      nonNegative("durationMs", e.getDurationMs());
    }
    timestamp(e.getTimestamp());
    optionalIdentifier("userId", e.getUserId());
    optionalIdentifier("requestId", e.getRequestId());
    optionalIdentifier("environment", e.getEnvironment());
    attributes(e.getAttributes());
  }

  private void log(LogEvent e) {
    requiredIdentifier("service", e.getService());
    if (e.getLevel() == null) {
      problem("level", "level is required");
    }
    if (e.getMessage() == null) {
      problem("message", "message is required");
    } else if (e.getMessage().length() > LIMITS.maxMessageChars()) {
      problem("message", "message must be at most " + LIMITS.maxMessageChars() + " characters, got "
          + e.getMessage().length());
    }
    timestamp(e.getTimestamp());
    optionalIdentifier("logger", e.getLogger());
    optionalIdentifier("errorType", e.getErrorType());
    optionalIdentifier("requestId", e.getRequestId());
    optionalIdentifier("userId", e.getUserId());
    attributes(e.getAttributes());
  }

  private void cost(CostEvent e) {
    requiredIdentifier("service", e.getService());
    requiredIdentifier("userId", e.getUserId());
    requiredIdentifier("provider", e.getProvider());
    optionalIdentifier("operation", e.getOperation());
    costUsd(e.getCostUsd());
    if (e.getUnits() != null) {
      nonNegative("units", e.getUnits());
    }
    optionalIdentifier("unitType", e.getUnitType());
    timestamp(e.getTimestamp());
    optionalIdentifier("requestId", e.getRequestId());
  }

  private void requiredIdentifier(String field, String value) {
    if (value == null) {
      problem(field, field + " is required");
    } else if (value.isBlank()) {
      problem(field, field + " must not be blank");
    } else {
      optionalIdentifier(field, value);
    }
  }

  private void optionalIdentifier(String field, String value) {
    if (value != null && value.length() > LIMITS.maxIdentifierChars()) {
      problem(field, field + " must be at most " + LIMITS.maxIdentifierChars() + " characters, got "
          + value.length());
    }
  }

  private void nonNegative(String field, double value) {
    if (!Double.isFinite(value) || value < 0) {
      problem(field, field + " must be a finite number >= 0, got " + value);
    }
  }

  private void timestamp(long millis) {
    if (millis < LIMITS.earliestTimestamp().toEpochMilli()) {
      problem("timestamp", "timestamp must not be before " + LIMITS.earliestTimestamp() + ", got "
          + Instant.ofEpochMilli(millis) + " (epoch seconds passed as milliseconds?)");
    }
  }

  private void costUsd(BigDecimal value) {
    if (value == null) {
      problem("costUsd", "costUsd is required");
      return;
    }
    if (value.signum() < 0) {
      problem("costUsd", "costUsd must be >= 0, got " + value.toPlainString());
      return;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > COST_USD.getScale()) {
      problem("costUsd", "costUsd must have at most " + COST_USD.getScale() + " decimal places, got "
          + value.toPlainString());
    } else if (stripped.precision() - stripped.scale() > COST_USD.getPrecision() - COST_USD.getScale()) {
      problem("costUsd", "costUsd must be below 1e" + (COST_USD.getPrecision() - COST_USD.getScale())
          + ", got " + value.toPlainString());
    }
  }

  private void attributes(Map<String, String> attributes) {
    if (attributes == null) {
      return; // builders and emit() put an empty map there
    }
    if (attributes.size() > LIMITS.maxAttributes()) {
      problem("attributes", "attributes must hold at most " + LIMITS.maxAttributes() + " entries, got "
          + attributes.size());
      return;
    }
    attributes.forEach((key, value) -> {
      String field = "attributes." + key;
      if (key == null || value == null) {
        problem(field, "attribute keys and values must not be null");
      } else if (key.length() > LIMITS.maxAttributeKeyChars()) {
        problem(field, "attribute keys must be at most " + LIMITS.maxAttributeKeyChars() + " characters, got "
            + key.length());
      } else if (value.length() > LIMITS.maxAttributeValueChars()) {
        problem(field, field + " must be at most " + LIMITS.maxAttributeValueChars() + " characters, got "
            + value.length());
      }
    });
  }

  private void problem(String field, String message) {
    fields.add(field);
    problems.add(message);
  }

  /** costUsd at the schema's scale, as the Avro encoding requires; call after {@link #validate}. */
  public static BigDecimal atCostScale(BigDecimal validated) {
    return validated.stripTrailingZeros().setScale(COST_USD.getScale());
  }
}

package dev.klaxon.schemas.validation;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.avro.LogicalTypes;
import org.apache.avro.specific.SpecificRecord;

/**
 * Klaxon's value rules for input events (design §4), over the Avro records, in one place: the JSON
 * parser applies them after reading types, the emitter before sending, the processor to every
 * record it decodes (dead-lettering failures). Every violation names its field; they come in the
 * schema's field order, all of them, not just the first. Thread-safe.
 *
 * <p>The future-timestamp check needs a clock, so only {@link #atIngest} makes it. Ingest is when
 * "now" means something: the sender's clock is close to the event. The processor uses {@link #of}:
 * whether it dead-letters a record must depend on the record alone, so that replaying a topic
 * (restarts, a reset application, post-mortem replays) gives the same windows and the same dead
 * letters, and a processor host whose clock is behind the gateway's does not throw away what the
 * gateway accepted. A far-future timestamp is refused where the event enters: at the gateway or in
 * the emitter, also for its Kafka transport.
 */
public final class EventRules {

  private static final int COST_USD_SCALE =
      ((LogicalTypes.Decimal) CostEvent.getClassSchema().getField("costUsd").schema().getLogicalType()).getScale();

  private final EventLimits limits;
  private final Clock clock;

  private EventRules(EventLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = clock;
  }

  /** Every rule that depends on the record alone, for consumers such as the processor. */
  public static EventRules of(EventLimits limits) {
    return new EventRules(limits, null);
  }

  /** Also refuses timestamps more than {@link EventLimits#maxFutureSkew()} ahead of {@code clock}. */
  public static EventRules atIngest(EventLimits limits, Clock clock) {
    return new EventRules(limits, Objects.requireNonNull(clock, "clock"));
  }

  public EventLimits limits() {
    return limits;
  }

  /** The violations of {@code event}; empty when it is valid. */
  public List<FieldViolation> check(SpecificRecord event) {
    return check(event, List.of());
  }

  /**
   * As {@link #check(SpecificRecord)}; {@code unset} names required primitive fields (status,
   * durationMs, timestamp) that the caller never set, reported as missing: a record cannot tell 0
   * from "not set".
   *
   * @throws IllegalArgumentException when {@code event} is not a RequestEvent, LogEvent or CostEvent
   */
  public List<FieldViolation> check(SpecificRecord event, Collection<String> unset) {
    FieldChecks checks = new FieldChecks(limits, clock, unset);
    if (event instanceof RequestEvent request) {
      request(request, checks);
    } else if (event instanceof LogEvent log) {
      log(log, checks);
    } else if (event instanceof CostEvent cost) {
      cost(cost, checks);
    } else {
      throw new IllegalArgumentException("not a Klaxon input event (RequestEvent, LogEvent or CostEvent): "
          + event.getSchema().getFullName());
    }
    List<FieldViolation> violations = checks.violations();
    // Nearly every event is valid, and the processor checks every one: no copy of an empty list.
    return violations.isEmpty() ? List.of() : List.copyOf(violations);
  }

  /**
   * {@code event} itself when valid.
   *
   * @throws EventRuleException listing every violation
   */
  public <E extends SpecificRecord> E requireValid(E event) {
    List<FieldViolation> violations = check(event);
    if (!violations.isEmpty()) {
      throw new EventRuleException(violations);
    }
    return event;
  }

  /** A valid {@code costUsd} at the schema's scale, as the Avro encoding requires. */
  public static BigDecimal atCostScale(BigDecimal valid) {
    return valid.stripTrailingZeros().setScale(COST_USD_SCALE);
  }

  // Each type's checks follow its schema's field order, so violations come in that order.

  private void request(RequestEvent e, FieldChecks c) {
    c.requiredIdentifier("service", e.getService());
    c.requiredIdentifier("route", e.getRoute());
    c.optionalIdentifier("method", e.getMethod());
    c.intBetween("status", e.getStatus(), 100, 599);
    c.durationMillis("durationMs", e.getDurationMs());
    c.timestamp("timestamp", e.getTimestamp());
    c.optionalIdentifier("userId", e.getUserId());
    c.optionalIdentifier("requestId", e.getRequestId());
    c.optionalIdentifier("environment", e.getEnvironment());
    c.attributes("attributes", e.getAttributes());
  }

  private void log(LogEvent e, FieldChecks c) {
    c.requiredIdentifier("service", e.getService());
    c.required("level", e.getLevel());
    c.requiredText("message", e.getMessage(), limits.maxMessageChars());
    c.timestamp("timestamp", e.getTimestamp());
    c.optionalIdentifier("logger", e.getLogger());
    c.optionalIdentifier("errorType", e.getErrorType());
    c.optionalIdentifier("requestId", e.getRequestId());
    c.optionalIdentifier("userId", e.getUserId());
    c.attributes("attributes", e.getAttributes());
    c.optionalIdentifier("environment", e.getEnvironment());
  }

  private void cost(CostEvent e, FieldChecks c) {
    c.requiredIdentifier("service", e.getService());
    c.requiredIdentifier("userId", e.getUserId());
    c.requiredIdentifier("provider", e.getProvider());
    c.optionalIdentifier("operation", e.getOperation());
    c.costUsd("costUsd", e.getCostUsd(), COST_USD_SCALE);
    c.optionalNonNegative("units", e.getUnits());
    c.optionalIdentifier("unitType", e.getUnitType());
    c.timestamp("timestamp", e.getTimestamp());
    c.optionalIdentifier("requestId", e.getRequestId());
  }
}

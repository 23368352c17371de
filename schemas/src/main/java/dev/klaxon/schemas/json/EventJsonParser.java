package dev.klaxon.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.validation.EventLimits;
import dev.klaxon.schemas.validation.EventRules;
import dev.klaxon.schemas.validation.FieldViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Parses JSON events ({@code type} = request, log or cost, plus the Avro field names of design §4)
 * into Avro records, validating strictly and collecting every error with its item index and field:
 * JSON types and forms here, value rules by {@link EventRules} on the record read (with the future
 * check against {@code clock}). Thread-safe; share one instance.
 *
 * <pre>{@code
 * ParseResult result = new EventJsonParser().parseBatch(body);
 * if (!result.isValid()) respond(400, result.errors());
 * else produce(result.events());
 * }</pre>
 */
public final class EventJsonParser {

  private final EventRules rules;

  /** Default limits, checking future timestamps against the system clock. */
  public EventJsonParser() {
    this(EventLimits.defaults(), Clock.systemUTC());
  }

  public EventJsonParser(EventLimits limits, Clock clock) {
    this.rules = EventRules.atIngest(limits, clock);
  }

  public EventLimits limits() {
    return rules.limits();
  }

  /** A body holding one JSON object, a JSON array of objects, or NDJSON. */
  public ParseResult parseBatch(String body) {
    try {
      return parseItems(JsonItems.split(JsonItems.MAPPER.createParser(body), rules.limits().maxBatchEvents()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen for an in-memory string
    }
  }

  /** As {@link #parseBatch(String)}, for a UTF-8 body as received over HTTP. */
  public ParseResult parseBatch(byte[] body) {
    try {
      return parseItems(JsonItems.split(JsonItems.MAPPER.createParser(body), rules.limits().maxBatchEvents()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen for an in-memory array
    }
  }

  /** One item of a batch; {@code index} is its position, reported in every error. */
  public ParseResult parse(JsonNode item, int index) {
    List<FieldError> errors = new ArrayList<>();
    SpecificRecord event = parse(item, index, errors);
    return errors.isEmpty() ? ParseResult.ok(List.of(event)) : ParseResult.failed(errors);
  }

  private ParseResult parseItems(JsonItems.Split split) {
    if (split.error() != null) {
      return ParseResult.failed(List.of(split.error()));
    }
    List<SpecificRecord> events = new ArrayList<>(split.items().size());
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < split.items().size(); i++) {
      SpecificRecord event = parse(split.items().get(i), i, errors);
      if (event != null) {
        events.add(event);
      }
    }
    return errors.isEmpty() ? ParseResult.ok(events) : ParseResult.failed(errors);
  }

  /** The event, or null after adding its errors to {@code errors}. */
  private SpecificRecord parse(JsonNode item, int index, List<FieldError> errors) {
    if (item == null || !item.isObject()) {
      String found = item == null ? "nothing" : FieldReader.describe(item);
      errors.add(new FieldError(index, null, "each event must be a JSON object, got " + found));
      return null;
    }
    FieldReader reader = new FieldReader((ObjectNode) item, index);
    JsonNode typeNode = item.get(EventType.FIELD);
    EventType type = typeNode != null && typeNode.isTextual()
        ? EventType.fromJsonName(typeNode.textValue()).orElse(null) : null;
    if (type == null) {
      errors.add(new FieldError(index, EventType.FIELD, typeNode == null || typeNode.isNull()
          ? "type is required: one of " + EventType.allNames()
          : "type must be one of " + EventType.allNames() + ", got " + FieldReader.describe(typeNode)));
      return null;
    }
    SpecificRecord event = switch (type) {
      case REQUEST -> request(reader);
      case LOG -> log(reader);
      case COST -> cost(reader);
    };
    // After the mapping, so "unknown" means exactly "not read by it".
    reader.rejectUnreadFields(type.schema().getField("attributes") != null);
    List<FieldError> found = new ArrayList<>(reader.errors());
    for (FieldViolation violation : rules.check(event, reader.unset())) {
      if (!reader.hasErrorOn(violation.field())) { // a type error says it already
        found.add(new FieldError(index, violation.field(), violation.message()));
      }
    }
    if (!found.isEmpty()) {
      found.sort(Comparator.comparingInt(error -> positionOf(error.field(), type.schema())));
      errors.addAll(found);
      return null;
    }
    if (event instanceof CostEvent cost) {
      cost.setCostUsd(EventRules.atCostScale(cost.getCostUsd()));
    }
    return event;
  }

  /** Errors in the schema's field order (an attribute at its map's place), unknown fields last. */
  private static int positionOf(String field, Schema schema) {
    int dot = field.indexOf('.');
    Schema.Field known = schema.getField(dot > 0 ? field.substring(0, dot) : field);
    return known == null ? Integer.MAX_VALUE : known.pos();
  }

  // Each mapping reads every field into a record, whatever is missing or wrong, so that type errors
  // and rule violations are all collected; the record is discarded when any was found. Primitives
  // left unset hold 0 and are named by reader.unset().

  private static RequestEvent request(FieldReader r) {
    RequestEvent event = new RequestEvent();
    event.setService(r.string("service"));
    event.setRoute(r.string("route"));
    event.setMethod(r.string("method"));
    event.setStatus(orZero(r.integer("status")));
    event.setDurationMs(orZero(r.number("durationMs")));
    event.setTimestamp(orZero(r.timestamp("timestamp")));
    event.setUserId(r.string("userId"));
    event.setRequestId(r.string("requestId"));
    event.setEnvironment(r.string("environment"));
    event.setAttributes(r.attributes("attributes"));
    return event;
  }

  private static LogEvent log(FieldReader r) {
    LogEvent event = new LogEvent();
    event.setService(r.string("service"));
    event.setLevel(r.level("level"));
    event.setMessage(r.string("message"));
    event.setTimestamp(orZero(r.timestamp("timestamp")));
    event.setLogger(r.string("logger"));
    event.setErrorType(r.string("errorType"));
    event.setRequestId(r.string("requestId"));
    event.setUserId(r.string("userId"));
    event.setAttributes(r.attributes("attributes"));
    event.setEnvironment(r.string("environment"));
    return event;
  }

  private static CostEvent cost(FieldReader r) {
    CostEvent event = new CostEvent();
    event.setService(r.string("service"));
    event.setUserId(r.string("userId"));
    event.setProvider(r.string("provider"));
    event.setOperation(r.string("operation"));
    event.setCostUsd(r.decimal("costUsd"));
    event.setUnits(r.number("units"));
    event.setUnitType(r.string("unitType"));
    event.setTimestamp(orZero(r.timestamp("timestamp")));
    event.setRequestId(r.string("requestId"));
    return event;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}

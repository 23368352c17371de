package dev.klaxon.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.LogicalTypes;
import org.apache.avro.specific.SpecificRecord;

/**
 * Parses JSON events ({@code type} = request, log or cost, plus the Avro field names of design §4)
 * into Avro records, validating strictly and collecting every error with its item index and field.
 * Thread-safe; share one instance.
 *
 * <pre>{@code
 * ParseResult result = new EventJsonParser().parseBatch(body);
 * if (!result.isValid()) respond(400, result.errors());
 * else produce(result.events());
 * }</pre>
 */
public final class EventJsonParser {

  private static final LogicalTypes.Decimal COST_USD_TYPE =
      (LogicalTypes.Decimal) CostEvent.getClassSchema().getField("costUsd").schema().getLogicalType();

  private final EventLimits limits;
  private final Clock clock;

  /** Default limits, checking future timestamps against the system clock. */
  public EventJsonParser() {
    this(EventLimits.defaults(), Clock.systemUTC());
  }

  public EventJsonParser(EventLimits limits, Clock clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public EventLimits limits() {
    return limits;
  }

  /** A body holding one JSON object, a JSON array of objects, or NDJSON. */
  public ParseResult parseBatch(String body) {
    try {
      return parseItems(JsonItems.split(JsonItems.MAPPER.createParser(body), limits.maxBatchEvents()));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen for an in-memory string
    }
  }

  /** As {@link #parseBatch(String)}, for a UTF-8 body as received over HTTP. */
  public ParseResult parseBatch(byte[] body) {
    try {
      return parseItems(JsonItems.split(JsonItems.MAPPER.createParser(body), limits.maxBatchEvents()));
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
    FieldReader reader = new FieldReader((ObjectNode) item, index, limits, clock, errors);
    JsonNode typeNode = item.get(EventType.FIELD);
    if (typeNode == null || typeNode.isNull()) {
      reader.error(EventType.FIELD, "type is required: one of " + EventType.allNames());
      return null;
    }
    EventType type = typeNode.isTextual() ? EventType.fromJsonName(typeNode.textValue()).orElse(null) : null;
    if (type == null) {
      reader.error(EventType.FIELD,
          "type must be one of " + EventType.allNames() + ", got " + FieldReader.describe(typeNode));
      return null;
    }
    SpecificRecord event = switch (type) {
      case REQUEST -> request(reader);
      case LOG -> log(reader);
      case COST -> cost(reader);
    };
    // After the mapping, so "unknown" means exactly "not read by it".
    reader.rejectUnreadFields(type.schema().getField("attributes") != null);
    return reader.hasErrors() ? null : event;
  }

  // Each mapping reads every field before building, so all errors are collected; the built
  // record is discarded when any was found.

  private RequestEvent request(FieldReader r) {
    var service = r.requiredIdentifier("service");
    var route = r.requiredIdentifier("route");
    var method = r.optionalIdentifier("method");
    var status = r.requiredInt("status", 100, 599);
    var durationMs = r.requiredNonNegativeDouble("durationMs");
    var timestamp = r.requiredTimestamp("timestamp");
    var userId = r.optionalIdentifier("userId");
    var requestId = r.optionalIdentifier("requestId");
    var environment = r.optionalIdentifier("environment");
    var attributes = r.attributes("attributes");
    if (r.hasErrors()) {
      return null;
    }
    return RequestEvent.newBuilder().setService(service).setRoute(route).setMethod(method).setStatus(status)
        .setDurationMs(durationMs).setTimestamp(timestamp).setUserId(userId)
        .setRequestId(requestId).setEnvironment(environment).setAttributes(attributes).build();
  }

  private LogEvent log(FieldReader r) {
    var service = r.requiredIdentifier("service");
    var level = r.requiredLevel("level");
    var message = r.requiredText("message", limits.maxMessageChars());
    var timestamp = r.requiredTimestamp("timestamp");
    var logger = r.optionalIdentifier("logger");
    var errorType = r.optionalIdentifier("errorType");
    var requestId = r.optionalIdentifier("requestId");
    var userId = r.optionalIdentifier("userId");
    var attributes = r.attributes("attributes");
    if (r.hasErrors()) {
      return null;
    }
    return LogEvent.newBuilder().setService(service).setLevel(level).setMessage(message)
        .setTimestamp(timestamp).setLogger(logger).setErrorType(errorType).setRequestId(requestId)
        .setUserId(userId).setAttributes(attributes).build();
  }

  private CostEvent cost(FieldReader r) {
    var service = r.requiredIdentifier("service");
    var userId = r.requiredIdentifier("userId");
    var provider = r.requiredIdentifier("provider");
    var operation = r.optionalIdentifier("operation");
    var costUsd = r.requiredDecimal("costUsd", COST_USD_TYPE.getPrecision(), COST_USD_TYPE.getScale());
    var units = r.optionalNonNegativeDouble("units");
    var unitType = r.optionalIdentifier("unitType");
    var timestamp = r.requiredTimestamp("timestamp");
    var requestId = r.optionalIdentifier("requestId");
    if (r.hasErrors()) {
      return null;
    }
    return CostEvent.newBuilder().setService(service).setUserId(userId).setProvider(provider)
        .setOperation(operation).setCostUsd(costUsd).setUnits(units).setUnitType(unitType)
        .setTimestamp(timestamp).setRequestId(requestId).build();
  }
}

package dev.klaxon.schemas.json;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** The {@code type} discriminator of ingested JSON events (design §9) and the record it maps to. */
public enum EventType {
  REQUEST("request", RequestEvent.getClassSchema()),
  LOG("log", LogEvent.getClassSchema()),
  COST("cost", CostEvent.getClassSchema());

  /** Name of the discriminator field in JSON; never an Avro field. */
  public static final String FIELD = "type";

  private final String jsonName;
  private final Schema schema;

  EventType(String jsonName, Schema schema) {
    this.jsonName = jsonName;
    this.schema = schema;
  }

  public String jsonName() {
    return jsonName;
  }

  public Schema schema() {
    return schema;
  }

  /** Exact, case-sensitive match: the type names are Klaxon's own vocabulary. */
  public static Optional<EventType> fromJsonName(String name) {
    for (EventType type : values()) {
      if (type.jsonName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** The event type of a record, or empty for records that are not ingestible events (windows, alerts). */
  public static Optional<EventType> of(IndexedRecord record) {
    String fullName = record.getSchema().getFullName();
    for (EventType type : values()) {
      if (type.schema.getFullName().equals(fullName)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  static String allNames() {
    return Arrays.stream(values()).map(EventType::jsonName).collect(Collectors.joining(", "));
  }
}

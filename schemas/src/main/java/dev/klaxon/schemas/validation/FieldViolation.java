package dev.klaxon.schemas.validation;

import java.util.Objects;

/**
 * One broken rule of one field of an event.
 *
 * @param field the field at fault, by its Avro (and JSON) name; {@code attributes.<key>} for an
 *     attribute
 * @param message a sentence for the user that names the field, the rule and the value found, e.g.
 *     {@code durationMs must be at most 1d, got 1.0E300}
 */
public record FieldViolation(String field, String message) {

  public FieldViolation {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}

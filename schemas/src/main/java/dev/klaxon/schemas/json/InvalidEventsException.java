package dev.klaxon.schemas.json;

import java.util.List;
import java.util.stream.Collectors;

/** Events that failed validation, carrying every {@link FieldError} found, not just the first. */
public final class InvalidEventsException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidEventsException(List<FieldError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    return errors.size() + (errors.size() == 1 ? " invalid field: " : " invalid fields: ")
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}

package dev.klaxon.schemas.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A record that breaks {@link EventRules}, with every violation. The message lists them, each
 * naming its field, so a dead-letter header built from it says what to fix.
 */
public final class EventRuleException extends IllegalArgumentException {

  private final List<FieldViolation> violations;

  public EventRuleException(List<FieldViolation> violations) {
    super(violations.stream().map(FieldViolation::message).collect(Collectors.joining("; ")));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an event rule exception needs a violation");
    }
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}

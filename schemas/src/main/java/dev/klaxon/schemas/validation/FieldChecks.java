package dev.klaxon.schemas.validation;

import dev.klaxon.schemas.config.Durations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The checks of one record's fields, each adding a {@link FieldViolation} instead of stopping at
 * the first. Primitive fields named in {@code unset} are reported missing and not checked further:
 * a record holds 0 for them, which must not read as a value.
 */
final class FieldChecks {

  /** Epoch seconds have at most ten digits until 2286; epoch milliseconds have more since 1970-04-26. */
  private static final long LOOKS_LIKE_SECONDS_BELOW = 10_000_000_000L;

  private final EventLimits limits;
  private final Clock clock;
  private final Collection<String> unset;
  private final List<FieldViolation> violations = new ArrayList<>();

  FieldChecks(EventLimits limits, Clock clock, Collection<String> unset) {
    this.limits = limits;
    this.clock = clock;
    this.unset = unset;
  }

  List<FieldViolation> violations() {
    return violations;
  }

  /** A short string that becomes a key or label: present, not blank, bounded. */
  void requiredIdentifier(String field, String value) {
    if (value == null) {
      missing(field);
    } else if (value.isBlank()) {
      add(field, field + " must not be blank");
    } else {
      optionalIdentifier(field, value);
    }
  }

  void optionalIdentifier(String field, String value) {
    bounded(field, value, limits.maxIdentifierChars());
  }

  /** Free text such as a log message: present, may be empty, bounded. */
  void requiredText(String field, String value, int maxChars) {
    if (value == null) {
      missing(field);
    } else {
      bounded(field, value, maxChars);
    }
  }

  void required(String field, Object value) {
    if (value == null) {
      missing(field);
    }
  }

  void intBetween(String field, int value, int min, int max) {
    if (isSet(field) && (value < min || value > max)) {
      add(field, field + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  /** A duration in milliseconds: finite, not negative, at most {@link EventLimits#maxDuration()}. */
  void durationMillis(String field, double value) {
    if (nonNegativeFinite(field, value) && value > millis(limits.maxDuration())) {
      add(field, field + " must be at most " + Durations.format(limits.maxDuration()) + ", got " + value);
    }
  }

  void optionalNonNegative(String field, Double value) {
    if (value != null) {
      nonNegativeFinite(field, value);
    }
  }

  /**
   * Money at the schema's scale, at most {@link EventLimits#maxCostUsd()}. More decimal places than
   * the scale are refused, not rounded: a silently rounded amount would make summed spend disagree
   * with the sender's books, and such input is more likely a unit mistake than real precision.
   */
  void costUsd(String field, BigDecimal value, int scale) {
    if (value == null) {
      missing(field);
    } else if (value.signum() < 0) {
      add(field, field + " must be >= 0, got " + Shown.decimal(value));
    } else if (value.stripTrailingZeros().scale() > scale) {
      add(field, field + " must have at most " + scale + " decimal places, got " + Shown.decimal(value));
    } else if (value.compareTo(limits.maxCostUsd()) > 0) {
      add(field, field + " must be at most " + limits.maxCostUsd().toPlainString() + " per event, got "
          + Shown.decimal(value));
    }
  }

  /**
   * Epoch milliseconds, not before {@link EventLimits#earliestTimestamp()}; with a clock, also not
   * more than {@link EventLimits#maxFutureSkew()} ahead of it.
   */
  void timestamp(String field, long millis) {
    if (!isSet(field)) {
      return;
    }
    Instant instant = Instant.ofEpochMilli(millis);
    if (instant.isBefore(limits.earliestTimestamp())) {
      String hint = millis > 0 && millis < LOOKS_LIKE_SECONDS_BELOW
          ? " (epoch seconds? " + field + " is in milliseconds)" : "";
      add(field, field + " must not be before " + limits.earliestTimestamp() + ", got " + instant + hint);
      return;
    }
    if (clock != null) {
      Instant latest = clock.instant().plus(limits.maxFutureSkew());
      if (instant.isAfter(latest)) {
        add(field, field + " must not be more than " + Durations.format(limits.maxFutureSkew())
            + " in the future (latest " + latest + "), got " + instant);
      }
    }
  }

  /** Absent means empty; entries must fit the limits and be non-null (Avro maps cannot hold null). */
  void attributes(String field, Map<String, String> attributes) {
    if (attributes == null) {
      return;
    }
    if (attributes.size() > limits.maxAttributes()) {
      add(field, field + " must hold at most " + limits.maxAttributes() + " entries, got " + attributes.size());
      return;
    }
    attributes.forEach((key, value) -> {
      String path = field + "." + (key == null ? "null" : Shown.text(key));
      if (key == null || value == null) {
        add(path, "attribute keys and values must not be null");
      } else if (key.length() > limits.maxAttributeKeyChars()) {
        add(path, "attribute keys must be at most " + limits.maxAttributeKeyChars() + " characters, got "
            + key.length());
      } else {
        bounded(path, value, limits.maxAttributeValueChars());
      }
    });
  }

  private boolean nonNegativeFinite(String field, double value) {
    if (!isSet(field)) {
      return false;
    }
    if (!Double.isFinite(value)) {
      add(field, field + " must be a finite number, got " + value);
      return false;
    }
    if (value < 0) {
      add(field, field + " must be >= 0, got " + value);
      return false;
    }
    return true;
  }

  private void bounded(String field, String value, int maxChars) {
    if (value != null && value.length() > maxChars) {
      add(field, field + " must be at most " + maxChars + " characters, got " + value.length());
    }
  }

  /** A primitive field the caller never set is missing; reported once, then skipped. */
  private boolean isSet(String field) {
    if (unset.contains(field)) {
      missing(field);
      return false;
    }
    return true;
  }

  private void missing(String field) {
    add(field, field + " is required");
  }

  private void add(String field, String message) {
    violations.add(new FieldViolation(field, message));
  }

  private static double millis(Duration duration) {
    return duration.getSeconds() * 1000.0 + duration.getNano() / 1_000_000.0;
  }
}

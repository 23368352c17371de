package dev.klaxon.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.config.Durations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads typed fields of one JSON event object, applying Klaxon's rules (design §4) and recording a
 * {@link FieldError} for every violation instead of stopping at the first. A getter returns null
 * when its field is absent or invalid; the caller builds a record only if {@link #hasErrors()} is
 * false.
 */
final class FieldReader {

  private static final String LEVELS =
      Arrays.stream(LogLevel.values()).map(LogLevel::name).collect(Collectors.joining(", "));
  private static final int SHOWN_VALUE_CHARS = 40;

  private final ObjectNode item;
  private final int index;
  private final EventLimits limits;
  private final Clock clock;
  private final List<FieldError> errors;
  private final int errorsBefore;
  private final Set<String> read = new HashSet<>();

  FieldReader(ObjectNode item, int index, EventLimits limits, Clock clock, List<FieldError> errors) {
    this.item = item;
    read.add(EventType.FIELD);
    this.index = index;
    this.limits = limits;
    this.clock = clock;
    this.errors = errors;
    this.errorsBefore = errors.size();
  }

  boolean hasErrors() {
    return errors.size() > errorsBefore;
  }

  void error(String field, String message) {
    errors.add(new FieldError(index, field, message));
  }

  /** A short string that becomes a key or label: required, not blank, bounded. */
  String requiredIdentifier(String field) {
    String value = string(field, true, limits.maxIdentifierChars());
    if (value != null && value.isBlank()) {
      error(field, field + " must not be blank");
      return null;
    }
    return value;
  }

  String optionalIdentifier(String field) {
    return string(field, false, limits.maxIdentifierChars());
  }

  /** Free text such as a log message: required, may be empty, bounded. */
  String requiredText(String field, int maxChars) {
    return string(field, true, maxChars);
  }

  private String string(String field, boolean required, int maxChars) {
    JsonNode node = present(field, required);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      error(field, field + " must be a string, got " + describe(node));
      return null;
    }
    String value = node.textValue();
    if (value.length() > maxChars) {
      error(field, field + " must be at most " + maxChars + " characters, got " + value.length());
      return null;
    }
    return value;
  }

  /** A JSON integer within [min, max]; strings and fractions are type errors. */
  Integer requiredInt(String field, int min, int max) {
    JsonNode node = present(field, true);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      error(field, field + " must be an integer, got " + describe(node));
      return null;
    }
    if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
      error(field, field + " must be between " + min + " and " + max + ", got " + shown(node.asText()));
      return null;
    }
    return node.intValue();
  }

  Double requiredNonNegativeDouble(String field) {
    return nonNegativeDouble(field, true);
  }

  Double optionalNonNegativeDouble(String field) {
    return nonNegativeDouble(field, false);
  }

  private Double nonNegativeDouble(String field, boolean required) {
    JsonNode node = present(field, required);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      error(field, field + " must be a number, got " + describe(node));
      return null;
    }
    double value = node.doubleValue();
    if (Double.isInfinite(value)) {
      error(field, field + " is too large, got " + shown(node.asText()));
      return null;
    }
    if (value < 0) {
      error(field, field + " must be >= 0, got " + shown(node.asText()));
      return null;
    }
    return value;
  }

  /**
   * A non-negative exact decimal, from a JSON number or a decimal string, at the schema's scale.
   * More decimal places than the scale are rejected, not rounded: this is money, and a silently
   * rounded amount would make summed spend disagree with the sender's books.
   */
  BigDecimal requiredDecimal(String field, int precision, int scale) {
    JsonNode node = present(field, true);
    if (node == null) {
      return null;
    }
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual()) {
      try {
        value = new BigDecimal(node.textValue());
      } catch (NumberFormatException e) {
        error(field, field + " must be a decimal number, got " + describe(node));
        return null;
      }
    } else {
      error(field, field + " must be a number or a decimal string, got " + describe(node));
      return null;
    }
    if (value.signum() < 0) {
      error(field, field + " must be >= 0, got " + shown(value));
      return null;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > scale) {
      error(field, field + " must have at most " + scale + " decimal places, got " + shown(value));
      return null;
    }
    int integerDigits = stripped.precision() - stripped.scale();
    if (integerDigits > precision - scale) {
      error(field, field + " must be below 1e" + (precision - scale) + ", got " + shown(value));
      return null;
    }
    return stripped.setScale(scale);
  }

  /** Case-insensitive, since logging libraries print levels as ERROR, WARN, Info... */
  LogLevel requiredLevel(String field) {
    JsonNode node = present(field, true);
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String name = node.textValue().toLowerCase(Locale.ROOT);
      for (LogLevel level : LogLevel.values()) {
        if (level.name().equals(name)) {
          return level;
        }
      }
    }
    error(field, field + " must be one of " + LEVELS + " (any case), got " + describe(node));
    return null;
  }

  /**
   * Epoch milliseconds as a JSON integer, or an ISO-8601 date-time with an offset or Z
   * (sub-millisecond digits are truncated). Bounded below by {@link EventLimits#earliestTimestamp()}
   * and above by the clock plus {@link EventLimits#maxFutureSkew()}.
   */
  Long requiredTimestamp(String field) {
    JsonNode node = present(field, true);
    if (node == null) {
      return null;
    }
    Instant instant;
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        error(field, field + " is out of range, got " + shown(node.asText()));
        return null;
      }
      instant = Instant.ofEpochMilli(node.longValue());
    } else if (node.isTextual()) {
      try {
        instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(node.textValue(), OffsetDateTime::from)
            .toInstant();
      } catch (DateTimeParseException e) {
        error(field, field + " must be an ISO-8601 date-time with offset such as "
            + "2025-06-01T12:00:00Z or +02:00, got " + describe(node));
        return null;
      }
    } else {
      error(field, field + " must be epoch milliseconds (integer) or an ISO-8601 string, got "
          + describe(node));
      return null;
    }
    if (instant.isBefore(limits.earliestTimestamp())) {
      String hint = node.isIntegralNumber() && node.longValue() > 0
          ? " (epoch seconds? " + field + " is in milliseconds)" : "";
      error(field, field + " must not be before " + limits.earliestTimestamp() + ", got " + instant + hint);
      return null;
    }
    Instant latest = clock.instant().plus(limits.maxFutureSkew());
    if (instant.isAfter(latest)) {
      error(field, field + " must not be more than " + Durations.format(limits.maxFutureSkew())
          + " in the future (latest " + latest + "), got " + instant);
      return null;
    }
    return instant.toEpochMilli();
  }

  /** An object of string values; absent or null means empty. Every bad entry is reported. */
  Map<String, String> attributes(String field) {
    read.add(field);
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      return new LinkedHashMap<>();
    }
    if (!node.isObject()) {
      error(field, field + " must be an object of strings, got " + describe(node));
      return null;
    }
    if (node.size() > limits.maxAttributes()) {
      error(field, field + " must hold at most " + limits.maxAttributes() + " entries, got " + node.size());
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    boolean valid = true;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      String path = field + "." + shown(key);
      if (key.length() > limits.maxAttributeKeyChars()) {
        error(path, "attribute keys must be at most " + limits.maxAttributeKeyChars()
            + " characters, got " + key.length());
        valid = false;
      } else if (!entry.getValue().isTextual()) {
        error(path, path + " must be a string, got " + describe(entry.getValue()));
        valid = false;
      } else if (entry.getValue().textValue().length() > limits.maxAttributeValueChars()) {
        error(path, path + " must be at most " + limits.maxAttributeValueChars()
            + " characters, got " + entry.getValue().textValue().length());
        valid = false;
      } else {
        values.put(key, entry.getValue().textValue());
      }
    }
    return valid ? values : null;
  }

  /**
   * Every field no getter asked for is an error, so a typo such as {@code durationMS} is not
   * silently dropped; the message suggests the intended field and where custom data belongs.
   */
  void rejectUnreadFields(boolean hasAttributes) {
    for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (read.contains(name)) {
        continue;
      }
      StringBuilder message = new StringBuilder("unknown field ").append(shown(name));
      read.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
          .ifPresent(k -> message.append(" (did you mean ").append(k).append("?)"));
      message.append(hasAttributes
          ? "; put custom data in attributes"
          : "; this event type has no attributes");
      error(shown(name), message.toString());
    }
  }

  /** The field's node, or null after recording "required" when it is missing or JSON null. */
  private JsonNode present(String field, boolean required) {
    read.add(field);
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        error(field, field + " is required");
      }
      return null;
    }
    return node;
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "string \"" + shown(node.textValue()) + "\"";
      case NUMBER -> "number " + shown(node.asText());
      case BOOLEAN -> "boolean " + node.asText();
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL, MISSING -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** Plain digits as the user likely wrote them, unless the exponent would make that string huge. */
  static String shown(BigDecimal value) {
    return shown(Math.abs(value.scale()) <= SHOWN_VALUE_CHARS ? value.toPlainString() : value.toString());
  }

  /** Echoing user input keeps errors useful; truncating keeps a hostile body from inflating them. */
  static String shown(String value) {
    return value.length() <= SHOWN_VALUE_CHARS ? value : value.substring(0, SHOWN_VALUE_CHARS) + "…";
  }
}

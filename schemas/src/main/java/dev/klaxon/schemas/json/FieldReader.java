package dev.klaxon.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.validation.Shown;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * Reads the typed fields of one JSON event object, recording a {@link FieldError} for every value
 * of the wrong JSON type or form ("must be a number") instead of stopping at the first. Value rules
 * (required, ranges, lengths) are not its job: they are {@code EventRules}, applied to the record
 * the values are put in. A getter returns null when its field is absent, JSON null or of the wrong
 * type, and remembers the field as unset.
 */
final class FieldReader {

  private static final String LEVELS =
      Arrays.stream(LogLevel.values()).map(LogLevel::name).collect(Collectors.joining(", "));

  private final ObjectNode item;
  private final int index;
  private final List<FieldError> errors = new ArrayList<>();
  private final Set<String> fieldsWithErrors = new HashSet<>();
  private final Set<String> unset = new HashSet<>();
  private final Set<String> read = new HashSet<>();

  FieldReader(ObjectNode item, int index) {
    this.item = item;
    this.index = index;
    read.add(EventType.FIELD);
  }

  List<FieldError> errors() {
    return errors;
  }

  /** Fields whose getter returned null: absent, null, or of the wrong type. */
  Set<String> unset() {
    return unset;
  }

  /** Whether {@code field}, or the object it is an entry of ({@code attributes}), already has an error. */
  boolean hasErrorOn(String field) {
    int dot = field.indexOf('.');
    return fieldsWithErrors.contains(field) || (dot > 0 && fieldsWithErrors.contains(field.substring(0, dot)));
  }

  void error(String field, String message) {
    errors.add(new FieldError(index, field, message));
    fieldsWithErrors.add(field);
  }

  String string(String field) {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      return typeError(field, field + " must be a string, got " + describe(node));
    }
    return node.textValue();
  }

  /** A JSON integer that fits an int; strings and fractions are type errors. */
  Integer integer(String field) {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      return typeError(field, field + " must be an integer, got " + describe(node));
    }
    if (!node.canConvertToInt()) {
      return typeError(field, field + " is out of range, got " + Shown.text(node.asText()));
    }
    return node.intValue();
  }

  /** Any JSON number; one too large for a double reads as infinity, which the rules refuse. */
  Double number(String field) {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      return typeError(field, field + " must be a number, got " + describe(node));
    }
    return node.doubleValue();
  }

  /** An exact decimal, from a JSON number (read as BigDecimal, see {@link JsonItems}) or a decimal string. */
  BigDecimal decimal(String field) {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (!node.isTextual()) {
      return typeError(field, field + " must be a number or a decimal string, got " + describe(node));
    }
    try {
      return new BigDecimal(node.textValue());
    } catch (NumberFormatException e) {
      return typeError(field, field + " must be a decimal number, got " + describe(node));
    }
  }

  /** Case-insensitive, since logging libraries print levels as ERROR, WARN, Info... */
  LogLevel level(String field) {
    JsonNode node = present(field);
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
    return typeError(field, field + " must be one of " + LEVELS + " (any case), got " + describe(node));
  }

  /**
   * Epoch milliseconds as a JSON integer, or an ISO-8601 date-time with an offset or Z
   * (sub-millisecond digits are truncated).
   */
  Long timestamp(String field) {
    JsonNode node = present(field);
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        return typeError(field, field + " is out of range, got " + Shown.text(node.asText()));
      }
      return node.longValue();
    }
    if (!node.isTextual()) {
      return typeError(field, field + " must be epoch milliseconds (integer) or an ISO-8601 string, got "
          + describe(node));
    }
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(node.textValue(), OffsetDateTime::from)
          .toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      return typeError(field, field + " must be an ISO-8601 date-time with offset such as "
          + "2025-06-01T12:00:00Z or +02:00, got " + describe(node));
    }
  }

  /** An object of string values; absent or null means empty. Every non-string value is reported. */
  Map<String, String> attributes(String field) {
    read.add(field);
    JsonNode node = item.get(field);
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isObject()) {
      return typeError(field, field + " must be an object of strings, got " + describe(node));
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String path = field + "." + Shown.text(entry.getKey());
      if (entry.getValue().isTextual()) {
        values.put(entry.getKey(), entry.getValue().textValue());
      } else {
        error(path, path + " must be a string, got " + describe(entry.getValue()));
      }
    }
    return values;
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
      StringBuilder message = new StringBuilder("unknown field ").append(Shown.text(name));
      read.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst()
          .ifPresent(k -> message.append(" (did you mean ").append(k).append("?)"));
      message.append(hasAttributes
          ? "; put custom data in attributes"
          : "; this event type has no attributes");
      error(Shown.text(name), message.toString());
    }
  }

  /** The field's node, or null (remembered as unset) when it is missing or JSON null. */
  private JsonNode present(String field) {
    read.add(field);
    JsonNode node = item.get(field);
    if (node == null || node.isNull()) {
      unset.add(field);
      return null;
    }
    return node;
  }

  private <T> T typeError(String field, String message) {
    error(field, message);
    unset.add(field);
    return null;
  }

  static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "string \"" + Shown.text(node.textValue()) + "\"";
      case NUMBER -> "number " + Shown.text(node.asText());
      case BOOLEAN -> "boolean " + node.asText();
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL, MISSING -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}

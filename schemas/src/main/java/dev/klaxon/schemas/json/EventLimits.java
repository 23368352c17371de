package dev.klaxon.schemas.json;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on what one ingested event may hold. Lengths count Java characters (UTF-16 units), the
 * unit users see in their own code; at these sizes the UTF-8 byte count is at most 3× that.
 *
 * @param maxIdentifierChars longest service, route, userId, requestId, provider and other short
 *     strings; they become Kafka keys and metric labels
 * @param maxMessageChars longest log {@code message}
 * @param maxAttributes most entries in {@code attributes}
 * @param maxAttributeKeyChars longest attribute key
 * @param maxAttributeValueChars longest attribute value
 * @param maxFutureSkew how far ahead of the parser's clock a timestamp may be (clock drift of the
 *     sender); further ahead is almost surely a unit or time-zone mistake that would hold a window
 *     open
 * @param earliestTimestamp earliest accepted timestamp; older ones are almost surely epoch
 *     seconds sent as milliseconds, or zero
 * @param maxBatchEvents most events in one batch, so a single body cannot produce an unbounded
 *     error list
 */
public record EventLimits(
    int maxIdentifierChars,
    int maxMessageChars,
    int maxAttributes,
    int maxAttributeKeyChars,
    int maxAttributeValueChars,
    Duration maxFutureSkew,
    Instant earliestTimestamp,
    int maxBatchEvents) {

  public static final int DEFAULT_MAX_IDENTIFIER_CHARS = 256;
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 16 * 1024;
  public static final int DEFAULT_MAX_ATTRIBUTES = 64;
  public static final int DEFAULT_MAX_ATTRIBUTE_KEY_CHARS = 128;
  public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_CHARS = 1024;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);
  public static final Instant DEFAULT_EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");
  public static final int DEFAULT_MAX_BATCH_EVENTS = 10_000;

  public EventLimits {
    requirePositive("maxIdentifierChars", maxIdentifierChars);
    requirePositive("maxMessageChars", maxMessageChars);
    requirePositive("maxAttributes", maxAttributes);
    requirePositive("maxAttributeKeyChars", maxAttributeKeyChars);
    requirePositive("maxAttributeValueChars", maxAttributeValueChars);
    requirePositive("maxBatchEvents", maxBatchEvents);
    if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
      throw new IllegalArgumentException("maxFutureSkew must be >= 0, got " + maxFutureSkew);
    }
    if (earliestTimestamp == null) {
      throw new IllegalArgumentException("earliestTimestamp is required");
    }
  }

  public static EventLimits defaults() {
    return new EventLimits(DEFAULT_MAX_IDENTIFIER_CHARS, DEFAULT_MAX_MESSAGE_CHARS,
        DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_ATTRIBUTE_KEY_CHARS, DEFAULT_MAX_ATTRIBUTE_VALUE_CHARS,
        DEFAULT_MAX_FUTURE_SKEW, DEFAULT_EARLIEST_TIMESTAMP, DEFAULT_MAX_BATCH_EVENTS);
  }

  public EventLimits withMaxIdentifierChars(int value) {
    return new EventLimits(value, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents);
  }

  public EventLimits withMaxMessageChars(int value) {
    return new EventLimits(maxIdentifierChars, value, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents);
  }

  public EventLimits withMaxAttributes(int value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, value, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents);
  }

  public EventLimits withMaxFutureSkew(Duration value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, value, earliestTimestamp, maxBatchEvents);
  }

  public EventLimits withMaxBatchEvents(int value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, value);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }
}

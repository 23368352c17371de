package dev.klaxon.schemas.validation;

import dev.klaxon.schemas.CostEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.LogicalTypes;

/**
 * Bounds on what one ingested event may hold, applied by {@link EventRules}. Lengths count Java characters (UTF-16 units), the
 * unit users see in their own code; at these sizes the UTF-8 byte count is at most 3× that.
 *
 * @param maxIdentifierChars longest service, route, userId, requestId, provider and other short
 *     strings; they become Kafka keys and metric labels
 * @param maxMessageChars longest log {@code message}
 * @param maxAttributes most entries in {@code attributes}
 * @param maxAttributeKeyChars longest attribute key
 * @param maxAttributeValueChars longest attribute value
 * @param maxFutureSkew how far ahead of the ingesting clock a timestamp may be (clock drift of the
 *     sender); further ahead is almost surely a unit or time-zone mistake that would hold a window
 *     open. Checked at ingest only (parser, emitter), see {@code EventRules}
 * @param earliestTimestamp earliest accepted timestamp; older ones are almost surely epoch
 *     seconds sent as milliseconds, or zero
 * @param maxBatchEvents most events in one batch, so a single body cannot produce an unbounded
 *     error list
 * @param maxDuration longest {@code durationMs}; longer is a unit mistake (µs or ns sent as ms) or
 *     garbage, and one such value would own a window's p99, max and mean
 * @param maxCostUsd largest {@code costUsd} of one event; see {@link #DEFAULT_MAX_COST_USD}
 */
public record EventLimits(
    int maxIdentifierChars,
    int maxMessageChars,
    int maxAttributes,
    int maxAttributeKeyChars,
    int maxAttributeValueChars,
    Duration maxFutureSkew,
    Instant earliestTimestamp,
    int maxBatchEvents,
    Duration maxDuration,
    BigDecimal maxCostUsd) {

  public static final int DEFAULT_MAX_IDENTIFIER_CHARS = 256;
  public static final int DEFAULT_MAX_MESSAGE_CHARS = 16 * 1024;
  public static final int DEFAULT_MAX_ATTRIBUTES = 64;
  public static final int DEFAULT_MAX_ATTRIBUTE_KEY_CHARS = 128;
  public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_CHARS = 1024;
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofHours(1);
  public static final Instant DEFAULT_EARLIEST_TIMESTAMP = Instant.parse("2000-01-01T00:00:00Z");
  public static final int DEFAULT_MAX_BATCH_EVENTS = 10_000;
  /** No request a metrics window should describe takes longer than a day; jobs are not requests. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofDays(1);
  /**
   * $10,000 for one event. The priciest single LLM call (a million-token prompt on a premium model)
   * is a few hundred dollars, a Stripe fee reaches it only on a charge of about $340,000, and a cloud
   * cost attributed to one user's operation is far below it; yet the usual unit mistakes land above
   * it: micro-dollars or token counts sent as dollars for anything but the smallest amounts. A
   * sender with larger single costs (a monthly invoice as one event) raises it.
   */
  public static final BigDecimal DEFAULT_MAX_COST_USD = new BigDecimal("10000");
  /** The largest amount {@code costUsd} can hold: its schema is decimal(20, 9). */
  public static final BigDecimal COST_USD_CAPACITY = capacityOf(
      (LogicalTypes.Decimal) CostEvent.getClassSchema().getField("costUsd").schema().getLogicalType());

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
    if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be > 0, got " + maxDuration);
    }
    if (maxCostUsd == null || maxCostUsd.signum() <= 0 || maxCostUsd.compareTo(COST_USD_CAPACITY) > 0) {
      throw new IllegalArgumentException("maxCostUsd must be > 0 and at most " + COST_USD_CAPACITY.toPlainString()
          + " (what costUsd can hold), got " + (maxCostUsd == null ? null : maxCostUsd.toPlainString()));
    }
  }

  public static EventLimits defaults() {
    return new EventLimits(DEFAULT_MAX_IDENTIFIER_CHARS, DEFAULT_MAX_MESSAGE_CHARS,
        DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_ATTRIBUTE_KEY_CHARS, DEFAULT_MAX_ATTRIBUTE_VALUE_CHARS,
        DEFAULT_MAX_FUTURE_SKEW, DEFAULT_EARLIEST_TIMESTAMP, DEFAULT_MAX_BATCH_EVENTS,
        DEFAULT_MAX_DURATION, DEFAULT_MAX_COST_USD);
  }

  public EventLimits withMaxIdentifierChars(int value) {
    return new EventLimits(value, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents, maxDuration, maxCostUsd);
  }

  public EventLimits withMaxMessageChars(int value) {
    return new EventLimits(maxIdentifierChars, value, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents, maxDuration, maxCostUsd);
  }

  public EventLimits withMaxAttributes(int value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, value, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents, maxDuration, maxCostUsd);
  }

  public EventLimits withMaxFutureSkew(Duration value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, value, earliestTimestamp, maxBatchEvents, maxDuration, maxCostUsd);
  }

  public EventLimits withMaxBatchEvents(int value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, value, maxDuration, maxCostUsd);
  }

  public EventLimits withMaxDuration(Duration value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents, value, maxCostUsd);
  }

  public EventLimits withMaxCostUsd(BigDecimal value) {
    return new EventLimits(maxIdentifierChars, maxMessageChars, maxAttributes, maxAttributeKeyChars,
        maxAttributeValueChars, maxFutureSkew, earliestTimestamp, maxBatchEvents, maxDuration, value);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  private static BigDecimal capacityOf(LogicalTypes.Decimal type) {
    return BigDecimal.TEN.pow(type.getPrecision() - type.getScale())
        .subtract(BigDecimal.ONE.movePointLeft(type.getScale()));
  }
}

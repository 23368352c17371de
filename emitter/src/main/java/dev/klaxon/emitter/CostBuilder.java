package dev.klaxon.emitter;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.validation.EventRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Money spent for a user at a paid provider, from {@link KlaxonEmitter#cost(String, BigDecimal)}.
 * Required: {@code provider} and {@code costUsd} (given; at most 9 decimal places, never rounded),
 * {@code userId}, and {@code service} unless the emitter has a default. The timestamp defaults to
 * the emitter clock's now at {@link #build()}. Not thread-safe.
 */
public final class CostBuilder {

  private final KlaxonEmitter emitter;
  private final CostEvent event = new CostEvent();
  private Long timestamp;

  CostBuilder(KlaxonEmitter emitter, String provider, BigDecimal costUsd) {
    this.emitter = emitter;
    event.setProvider(provider);
    event.setCostUsd(costUsd);
    event.setService(emitter.defaultService());
  }

  /** Overrides the emitter's default service. */
  public CostBuilder service(String service) {
    event.setService(service);
    return this;
  }

  /** The user the spend is attributed to; the Kafka key of the event. Required. */
  public CostBuilder userId(String userId) {
    event.setUserId(userId);
    return this;
  }

  /** What was bought, e.g. {@code chat.completions}. */
  public CostBuilder operation(String operation) {
    event.setOperation(operation);
    return this;
  }

  /** Quantity bought, e.g. 1532, with its {@code unitType}, e.g. {@code tokens}. */
  public CostBuilder units(double units, String unitType) {
    event.setUnits(units);
    event.setUnitType(unitType);
    return this;
  }

  public CostBuilder timestamp(Instant timestamp) {
    this.timestamp = timestamp.toEpochMilli();
    return this;
  }

  public CostBuilder timestampMillis(long epochMillis) {
    this.timestamp = epochMillis;
    return this;
  }

  public CostBuilder requestId(String requestId) {
    event.setRequestId(requestId);
    return this;
  }

  /**
   * The event, validated, {@code costUsd} at the schema's 9 decimal places.
   *
   * @throws InvalidEventException naming every missing or invalid field
   */
  public CostEvent build() {
    event.setTimestamp(timestamp != null ? timestamp : emitter.clock().millis());
    emitter.validate(event, List.of());
    CostEvent built = CostEvent.newBuilder(event).build(); // a copy: this builder may be reused
    built.setCostUsd(EventRules.atCostScale(built.getCostUsd()));
    return built;
  }

  /**
   * Validates and enqueues the event; never blocks. Returns whether it was accepted.
   *
   * @throws InvalidEventException naming every missing or invalid field
   */
  public boolean emit() {
    return emitter.enqueue(build());
  }
}

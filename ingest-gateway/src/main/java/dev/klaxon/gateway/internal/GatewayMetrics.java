package dev.klaxon.gateway.internal;

import dev.klaxon.schemas.json.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * The gateway's own meters (Prometheus names in brackets): HTTP requests by endpoint and status
 * ({@code klaxon_gateway_http_requests_seconds}), accepted events by type
 * ({@code klaxon_gateway_events_accepted_total}), rejected events and batches by reason
 * ({@code klaxon_gateway_events_rejected_total}, {@code klaxon_gateway_batches_rejected_total}), the
 * time from first send to last acknowledgement ({@code klaxon_gateway_produce_latency_seconds}) and
 * Kafka reachability ({@code klaxon_gateway_kafka_reachable}). Meters are looked up once and cached:
 * this runs for every request.
 */
final class GatewayMetrics {

  private final MeterRegistry registry;
  private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
  private final Map<EventType, Counter> accepted = new EnumMap<>(EventType.class);
  private final Map<Rejection, Counter> rejectedEvents = new EnumMap<>(Rejection.class);
  private final Map<Rejection, Counter> rejectedBatches = new EnumMap<>(Rejection.class);
  private final Timer produceLatency;

  GatewayMetrics(MeterRegistry registry, BooleanSupplier kafkaReachable) {
    this.registry = registry;
    for (EventType type : EventType.values()) {
      accepted.put(type, Counter.builder("klaxon.gateway.events.accepted").tag("type", type.jsonName())
          .description("Events acknowledged by Kafka").register(registry));
    }
    for (Rejection rejection : Rejection.values()) {
      rejectedEvents.put(rejection, Counter.builder("klaxon.gateway.events.rejected")
          .tag("reason", rejection.reason())
          .description("Events refused, where their number is known (invalid: the invalid ones)").register(registry));
      rejectedBatches.put(rejection, Counter.builder("klaxon.gateway.batches.rejected")
          .tag("reason", rejection.reason()).description("POST /v1/events requests refused").register(registry));
    }
    produceLatency = Timer.builder("klaxon.gateway.produce.latency")
        .description("From the first send of a batch to Kafka's last acknowledgement")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    Gauge.builder("klaxon.gateway.kafka.reachable", () -> kafkaReachable.getAsBoolean() ? 1 : 0)
        .description("1 while the readiness probe reaches Kafka").register(registry);
  }

  void request(String endpoint, int status, long startNanos) {
    requestTimers.computeIfAbsent(endpoint + ' ' + status, key -> Timer.builder("klaxon.gateway.http.requests")
            .tag("endpoint", endpoint).tag("status", Integer.toString(status))
            .description("HTTP requests by endpoint and status").register(registry))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  void accepted(List<SpecificRecord> events) {
    int requests = 0;
    int logs = 0;
    int costs = 0;
    for (SpecificRecord event : events) {
      switch (EventType.of(event).orElseThrow()) {
        case REQUEST -> requests++;
        case LOG -> logs++;
        case COST -> costs++;
      }
    }
    increment(accepted.get(EventType.REQUEST), requests);
    increment(accepted.get(EventType.LOG), logs);
    increment(accepted.get(EventType.COST), costs);
  }

  /** {@code events}: how many events the batch held, or 0 when unknown (not read yet). */
  void rejected(Rejection rejection, int events) {
    rejectedBatches.get(rejection).increment();
    increment(rejectedEvents.get(rejection), events);
  }

  Timer produceLatency() {
    return produceLatency;
  }

  private static void increment(Counter counter, int amount) {
    if (amount > 0) {
      counter.increment(amount);
    }
  }
}

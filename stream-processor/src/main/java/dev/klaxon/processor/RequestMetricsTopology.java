package dev.klaxon.processor;

import dev.klaxon.processor.internal.RequestWindowAggregation;
import dev.klaxon.processor.internal.WindowedPipeline;
import dev.klaxon.runtime.streams.DecodingProcessor;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.validation.EventRules;
import org.apache.kafka.streams.Topology;

/**
 * {@code klaxon.requests} → per (service, route) and per service (each per environment when events
 * carry one), per tumbling window: count, 4xx, 5xx, auth failures (401/403), error rate,
 * p50/p95/p99/max/mean latency and the HdrHistogram → {@code klaxon.metrics.requests}, once per
 * window when it closes; running values of open windows → {@code klaxon.metrics.requests.open}, at
 * most once per commit interval per changed series.
 */
public final class RequestMetricsTopology {

  private RequestMetricsTopology() {}

  public static Topology build(MetricsConfig config) {
    return build(config, AvroSerdes.embedded());
  }

  public static Topology build(MetricsConfig config, AvroSerdes serdes) {
    return addTo(new Topology(), config, serdes);
  }

  /** Adds the pipeline to a topology that may hold others, so one Streams app can run them all. */
  public static Topology addTo(Topology topology, MetricsConfig config, AvroSerdes serdes) {
    AvroSerde<RequestEvent> events = serdes.forValues(RequestEvent.class);
    String input = config.topics().requests();
    return WindowedPipeline.addTo(topology, "requests", input,
        DecodingProcessor.validEvents(events, input, EventRules.of(config.eventLimits()))
            .andThen(RequestWindowAggregation::requireKeyParts),
        RequestWindowAggregation::new, config.topics().requestMetrics(), config.topics().openRequestMetrics(),
        serdes.forValues(RequestWindow.class).serializer(), config);
  }
}

package dev.klaxon.processor;

import dev.klaxon.processor.internal.RequestWindowAggregation;
import dev.klaxon.processor.internal.WindowedPipeline;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import org.apache.kafka.streams.Topology;

/**
 * {@code klaxon.requests} → per (service, route) and per service, per tumbling window: count, 4xx,
 * 5xx, error rate, p50/p95/p99/max/mean latency and the HdrHistogram → {@code klaxon.metrics.requests},
 * once per window when it closes.
 */
public final class RequestMetricsTopology {

  private RequestMetricsTopology() {}

  public static Topology build(MetricsConfig config) {
    return addTo(new Topology(), config);
  }

  /** Adds the pipeline to a topology that may hold others, so one Streams app can run them all. */
  public static Topology addTo(Topology topology, MetricsConfig config) {
    AvroSerde<RequestEvent> events = AvroSerde.embedded(RequestEvent.class);
    return WindowedPipeline.addTo(topology, "requests", config.topics().requests(),
        bytes -> RequestWindowAggregation.validate(Decoding.require(events.decode(bytes))),
        new RequestWindowAggregation(), config.topics().requestMetrics(),
        AvroSerde.embedded(RequestWindow.class).serializer(), config);
  }
}

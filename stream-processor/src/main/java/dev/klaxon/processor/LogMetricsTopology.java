package dev.klaxon.processor;

import dev.klaxon.processor.internal.LogWindowAggregation;
import dev.klaxon.processor.internal.WindowedPipeline;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import org.apache.kafka.streams.Topology;

/** {@code klaxon.logs} → count per (service, level) per tumbling window → {@code klaxon.metrics.logs}. */
public final class LogMetricsTopology {

  private LogMetricsTopology() {}

  public static Topology build(MetricsConfig config) {
    return addTo(new Topology(), config);
  }

  public static Topology addTo(Topology topology, MetricsConfig config) {
    AvroSerde<LogEvent> events = AvroSerde.embedded(LogEvent.class);
    return WindowedPipeline.addTo(topology, "logs", config.topics().logs(),
        bytes -> LogWindowAggregation.validate(Decoding.require(events.decode(bytes))),
        new LogWindowAggregation(), config.topics().logMetrics(),
        AvroSerde.embedded(LogWindow.class).serializer(), config);
  }
}

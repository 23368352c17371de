package dev.klaxon.processor;

import dev.klaxon.processor.internal.LogWindowAggregation;
import dev.klaxon.processor.internal.WindowedPipeline;
import dev.klaxon.runtime.streams.DecodingProcessor;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.validation.EventRules;
import org.apache.kafka.streams.Topology;

/**
 * {@code klaxon.logs} → count per (service, level) (and environment, when events carry one) per
 * tumbling window → {@code klaxon.metrics.logs} when it closes; running counts of open windows →
 * {@code klaxon.metrics.logs.open}, at most once per commit interval per changed series.
 */
public final class LogMetricsTopology {

  private LogMetricsTopology() {}

  public static Topology build(MetricsConfig config) {
    return build(config, AvroSerdes.embedded());
  }

  public static Topology build(MetricsConfig config, AvroSerdes serdes) {
    return addTo(new Topology(), config, serdes);
  }

  public static Topology addTo(Topology topology, MetricsConfig config, AvroSerdes serdes) {
    AvroSerde<LogEvent> events = serdes.forValues(LogEvent.class);
    String input = config.topics().logs();
    return WindowedPipeline.addTo(topology, "logs", input,
        DecodingProcessor.validEvents(events, input, EventRules.of(config.eventLimits()))
            .andThen(LogWindowAggregation::requireKeyParts),
        LogWindowAggregation::new, config.topics().logMetrics(), config.topics().openLogMetrics(),
        serdes.forValues(LogWindow.class).serializer(), config);
  }
}

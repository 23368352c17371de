package dev.klaxon.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code exporter:} section of {@code klaxon.yaml}. Every key is optional; unknown keys are errors.
 *
 * <pre>
 * exporter:
 *   window: 1m          # the window size exported; default: the processor's first (processor.windows)
 *   staleAfter: 5m      # a series whose latest window ended longer ago is no longer exported
 *   maxSeries: 10000    # past it, new series are dropped and counted
 *   httpPort: 9469      # /metrics (Klaxon's windows and the exporter's own meters), /health/*
 *   kafka: {}           # this role's clients only, over the shared kafka properties
 * </pre>
 */
public record ExporterSection(Duration window, Duration staleAfter, int maxSeries, int httpPort,
    Map<String, String> kafka) {

  public static final ExporterSection DEFAULTS = new ExporterSection(null, ExporterConfig.DEFAULT_STALE_AFTER,
      ExporterConfig.DEFAULT_MAX_SERIES, MetricsExporter.DEFAULT_PORT, Map.of());

  public ExporterSection {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /** The section as written (null: all defaults), checked strictly; errors name {@code exporter.<key>}. */
  public static ExporterSection from(JsonNode section) {
    ExporterSection bound = YamlConfig.bind(YamlConfig.merge(YamlConfig.tree(DEFAULTS), section),
        ExporterSection.class, "exporter");
    if (bound.httpPort() < 0 || bound.httpPort() > 65_535) {
      throw new ConfigException("exporter.httpPort must be 0 (any free port) to 65535, got " + bound.httpPort());
    }
    try {
      bound.config(Topics.defaults(), bound.window() == null ? ExporterConfig.DEFAULT_WINDOW : bound.window());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("exporter." + e.getMessage());
    }
    return bound;
  }

  /** @param processorWindow the window exported unless {@code window} is set: the processor's first size */
  public ExporterConfig config(Topics topics, Duration processorWindow) {
    return new ExporterConfig(topics, window == null ? processorWindow : window, staleAfter, maxSeries);
  }

  /** The cluster as the exporter's clients see it: its own {@code kafka} properties over the shared ones. */
  public KafkaCluster cluster(KafkaCluster shared) {
    return new KafkaCluster(shared.bootstrapServers(), shared.schemaRegistryUrl(), shared.topics(),
        shared.clientProperties(kafka));
  }
}

package dev.klaxon.processor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.YamlConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code processor:} section of {@code klaxon.yaml}. Every key is optional; unknown keys are
 * errors. Where Kafka is, the topic prefix and the registry are the file's shared keys
 * ({@link KafkaCluster}).
 *
 * <pre>
 * processor:
 *   applicationId: klaxon-metrics   # instances with the same id share the work
 *   stateDir: .klaxon/state
 *   windows: [1m, 5m]
 *   grace: 10s
 *   idleClose: 10s                  # default: grace
 *   commitInterval: 200ms
 *   threads: 1
 *   httpPort: 9464                  # /metrics, /health/*; 0 = any free port, -1 = off
 *   kafka: {}                       # this role's clients only, over the shared kafka properties
 * </pre>
 */
public record ProcessorSection(String applicationId, String stateDir, List<Duration> windows, Duration grace,
    Duration idleClose, Duration commitInterval, int threads, int httpPort, Map<String, String> kafka) {

  public static final int DEFAULT_HTTP_PORT = 9464;

  public static final ProcessorSection DEFAULTS = new ProcessorSection(ProcessorSettings.DEFAULT_APPLICATION_ID,
      ".klaxon/state", MetricsConfig.DEFAULT_WINDOW_SIZES, MetricsConfig.DEFAULT_GRACE, null,
      ProcessorSettings.DEFAULT_COMMIT_INTERVAL, 1, DEFAULT_HTTP_PORT, Map.of());

  public ProcessorSection {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /** The section as written (null or absent: all defaults), checked strictly; errors name {@code processor.<key>}. */
  public static ProcessorSection from(JsonNode section) {
    ProcessorSection bound = YamlConfig.bind(YamlConfig.merge(YamlConfig.tree(DEFAULTS), section),
        ProcessorSection.class, "processor");
    bound.metricsConfig(dev.klaxon.schemas.Topics.defaults()); // validates windows and grace now, not at start
    return bound;
  }

  public MetricsConfig metricsConfig(dev.klaxon.schemas.Topics topics) {
    try {
      return new MetricsConfig(topics, windows, grace, idleClose == null ? grace : idleClose,
          MetricsConfig.DEFAULT_PUNCTUATE_INTERVAL);
    } catch (IllegalArgumentException e) {
      throw new dev.klaxon.runtime.config.ConfigException("processor." + e.getMessage().replace("windowSizes", "windows"));
    }
  }

  public ProcessorSettings settings(KafkaCluster cluster) {
    return new ProcessorSettings(cluster.bootstrapServers(), applicationId, Path.of(stateDir), commitInterval, threads,
        httpPort, cluster.clientProperties(kafka), cluster.schemaRegistryUrl());
  }
}

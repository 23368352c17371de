package dev.klaxon.processor;

import dev.klaxon.runtime.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the processor runs (as opposed to what it computes, {@link MetricsConfig}).
 *
 * @param bootstrapServers Kafka cluster
 * @param applicationId Kafka Streams application id: instances sharing it share the work
 * @param stateDir local state directory
 * @param commitInterval how often results and offsets commit; emitted windows become visible to
 *     read_committed consumers at the next commit
 * @param threads stream threads in this instance
 * @param httpPort port of /metrics and /health/*; 0 picks a free one, -1 turns it off
 * @param kafka any other Kafka client or Streams property, passed through (e.g. security.protocol)
 * @param schemaRegistryUrl Confluent-API schema registry; empty: registry-free single-object encoding
 */
public record ProcessorSettings(
    String bootstrapServers, String applicationId, Path stateDir, Duration commitInterval, int threads,
    int httpPort, Map<String, String> kafka, Optional<String> schemaRegistryUrl) {

  public static final String DEFAULT_APPLICATION_ID = "klaxon-metrics";
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

  public ProcessorSettings {
    StreamsService.requireSettings(bootstrapServers, applicationId);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    kafka = Map.copyOf(kafka);
    schemaRegistryUrl = schemaRegistryUrl == null ? Optional.empty() : schemaRegistryUrl;
  }

  public ProcessorSettings(String bootstrapServers, String applicationId, Path stateDir, Duration commitInterval,
      int threads, int httpPort, Map<String, String> kafka) {
    this(bootstrapServers, applicationId, stateDir, commitInterval, threads, httpPort, kafka, Optional.empty());
  }

  public static ProcessorSettings defaults(String bootstrapServers, Path stateDir) {
    return new ProcessorSettings(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_COMMIT_INTERVAL, 1,
        -1, Map.of(), Optional.empty());
  }

  public ProcessorSettings withApplicationId(String id) {
    return new ProcessorSettings(bootstrapServers, id, stateDir, commitInterval, threads, httpPort, kafka,
        schemaRegistryUrl);
  }

  public ProcessorSettings withHttpPort(int port) {
    return new ProcessorSettings(bootstrapServers, applicationId, stateDir, commitInterval, threads, port, kafka,
        schemaRegistryUrl);
  }
}

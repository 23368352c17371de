package dev.klaxon.cost;

import dev.klaxon.runtime.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the cost role runs (as opposed to what it computes, {@link SpendConfig}).
 *
 * @param applicationId Kafka Streams application id: instances sharing it share the users
 * @param stateDir local state directory (open windows, restored from their changelog when missing)
 * @param commitInterval how often windows and offsets commit; a closed window becomes visible to
 *     read_committed consumers at the next commit
 * @param threads stream threads in this instance
 * @param httpPort port of the spend API, /metrics and /health/*; 0 picks a free one, -1 turns them off
 * @param advertisedHost how the other instances reach this one's spend API (its
 *     {@code application.server} host)
 * @param kafka any other Kafka client or Streams property, passed through (e.g. security.protocol)
 * @param schemaRegistryUrl Confluent-API schema registry; empty: registry-free single-object encoding
 */
public record CostSettings(String bootstrapServers, String applicationId, Path stateDir, Duration commitInterval,
    int threads, int httpPort, String advertisedHost, Map<String, String> kafka, Optional<String> schemaRegistryUrl) {

  public static final String DEFAULT_APPLICATION_ID = "klaxon-cost";
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);

  public CostSettings {
    StreamsService.requireSettings(bootstrapServers, applicationId);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    if (advertisedHost == null || advertisedHost.isBlank()) {
      throw new IllegalArgumentException("advertisedHost must be set");
    }
    kafka = Map.copyOf(kafka);
    schemaRegistryUrl = schemaRegistryUrl == null ? Optional.empty() : schemaRegistryUrl;
  }

  /** One thread, the HTTP port off, {@link #DEFAULT_COMMIT_INTERVAL}: for tests and benchmarks. */
  public static CostSettings defaults(String bootstrapServers, Path stateDir) {
    return new CostSettings(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_COMMIT_INTERVAL, 1, -1,
        "localhost", Map.of(), Optional.empty());
  }

  public CostSettings withApplicationId(String id) {
    return new CostSettings(bootstrapServers, id, stateDir, commitInterval, threads, httpPort, advertisedHost, kafka,
        schemaRegistryUrl);
  }

  public CostSettings withHttpPort(int port) {
    return new CostSettings(bootstrapServers, applicationId, stateDir, commitInterval, threads, port, advertisedHost,
        kafka, schemaRegistryUrl);
  }

  public CostSettings withKafka(Map<String, String> properties) {
    return new CostSettings(bootstrapServers, applicationId, stateDir, commitInterval, threads, httpPort,
        advertisedHost, properties, schemaRegistryUrl);
  }
}

package dev.klaxon.rules;

import dev.klaxon.runtime.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the evaluator runs (as opposed to what it computes, {@link EvaluatorConfig}).
 *
 * @param applicationId Kafka Streams application id: instances sharing it share the services
 * @param stateDir local state directory (alert state and services' last windows, restored from
 *     their changelogs when missing)
 * @param commitInterval how often transitions and state commit; a transition reaches the sink (a
 *     read_committed consumer) at the next commit, so this bounds the evaluator's share of detection time
 * @param httpPort port of /metrics and /health/*; 0 picks a free one, -1 turns it off
 * @param kafka any other Kafka client or Streams property, passed through (e.g. security.protocol)
 * @param schemaRegistryUrl Confluent-API schema registry; empty: registry-free single-object encoding
 */
public record EvaluatorSettings(String bootstrapServers, String applicationId, Path stateDir, Duration commitInterval,
    int httpPort, Map<String, String> kafka, Optional<String> schemaRegistryUrl) {

  public static final String DEFAULT_APPLICATION_ID = "klaxon-rules";
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

  public EvaluatorSettings {
    StreamsService.requireSettings(bootstrapServers, applicationId);
    kafka = Map.copyOf(kafka);
    schemaRegistryUrl = schemaRegistryUrl == null ? Optional.empty() : schemaRegistryUrl;
  }

  public static EvaluatorSettings defaults(String bootstrapServers, Path stateDir) {
    return new EvaluatorSettings(bootstrapServers, DEFAULT_APPLICATION_ID, stateDir, DEFAULT_COMMIT_INTERVAL, -1,
        Map.of(), Optional.empty());
  }

  public EvaluatorSettings withApplicationId(String id) {
    return new EvaluatorSettings(bootstrapServers, id, stateDir, commitInterval, httpPort, kafka, schemaRegistryUrl);
  }
}

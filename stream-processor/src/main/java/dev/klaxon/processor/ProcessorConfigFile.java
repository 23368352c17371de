package dev.klaxon.processor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.schemas.validation.EventLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The processor's YAML file. Every key is optional (defaults below); unknown keys are errors, so a
 * typo cannot silently fall back to a default.
 *
 * <pre>
 * bootstrapServers: kafka-1:9092,kafka-2:9092
 * schemaRegistryUrl: http://registry:8081   # omit for registry-free encoding
 * topicPrefix: klaxon.
 * applicationId: klaxon-metrics
 * stateDir: /var/lib/klaxon/state
 * windows: [1m, 5m]
 * grace: 10s
 * idleClose: 10s
 * commitInterval: 200ms
 * threads: 1
 * httpPort: 9464
 * maxDuration: 1d                          # longer durationMs is dead-lettered; keep the gateway's
 * maxCostUsd: 10000                         # larger costUsd of one event is dead-lettered
 * kafka:                                    # any Kafka client or Streams property
 *   security.protocol: SASL_SSL
 * </pre>
 */
public record ProcessorConfigFile(
    String bootstrapServers, String schemaRegistryUrl, String topicPrefix, String applicationId, Path stateDir,
    List<Duration> windows, Duration grace, Duration idleClose, Duration commitInterval, Integer threads,
    Integer httpPort, Map<String, String> kafka, Duration maxDuration, BigDecimal maxCostUsd) {

  public static final int DEFAULT_HTTP_PORT = 9464;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .registerModule(new SimpleModule().addDeserializer(Duration.class, new JsonDeserializer<>() {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
          try {
            return Durations.parse(parser.getValueAsString());
          } catch (IllegalArgumentException e) {
            throw context.weirdStringException(parser.getValueAsString(), Duration.class, e.getMessage());
          }
        }
      }));

  public static ProcessorConfigFile empty() {
    return new ProcessorConfigFile(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null);
  }

  /** @throws IllegalArgumentException naming the file, the key and its line when the file is wrong */
  public static ProcessorConfigFile load(Path file) {
    try {
      String yaml = java.nio.file.Files.readString(file);
      if (yaml.isBlank()) {
        return empty();
      }
      ProcessorConfigFile config = YAML.readValue(yaml, ProcessorConfigFile.class);
      return config == null ? empty() : config;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName() + "' (known keys: "
          + e.getKnownPropertyIds() + ")", e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public MetricsConfig metricsConfig() {
    Duration resolvedGrace = or(grace, MetricsConfig.DEFAULT_GRACE);
    return new MetricsConfig(new Topics(or(topicPrefix, Topics.DEFAULT_PREFIX)),
        or(windows, MetricsConfig.DEFAULT_WINDOW_SIZES), resolvedGrace, or(idleClose, resolvedGrace),
        MetricsConfig.DEFAULT_PUNCTUATE_INTERVAL, EventLimits.defaults()
            .withMaxDuration(or(maxDuration, EventLimits.DEFAULT_MAX_DURATION))
            .withMaxCostUsd(or(maxCostUsd, EventLimits.DEFAULT_MAX_COST_USD)));
  }

  public ProcessorSettings settings() {
    return new ProcessorSettings(or(bootstrapServers, "localhost:9092"),
        or(applicationId, ProcessorSettings.DEFAULT_APPLICATION_ID), or(stateDir, Path.of(".klaxon", "state")),
        or(commitInterval, ProcessorSettings.DEFAULT_COMMIT_INTERVAL), or(threads, 1), or(httpPort, DEFAULT_HTTP_PORT),
        or(kafka, Map.of()), Optional.ofNullable(schemaRegistryUrl));
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}

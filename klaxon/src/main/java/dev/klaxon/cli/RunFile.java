package dev.klaxon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.config.YamlConfig;
import java.nio.file.Path;

/**
 * {@code klaxon.yaml}: the keys every role shares, and a section per role. Unknown keys are errors
 * naming the key; each section is checked by its role ({@code ProcessorSection}, {@code RulesSection}, {@code CostSection},
 * {@code GatewayConfig}, {@code SinkSection}, {@code ExporterSection}) whether or not that role runs, so a typo never waits for the day it matters.
 *
 * @param kafka Kafka client properties for every client of every role
 * @param events bounds on events, the same for the gateway (400) and the processor (dead letter)
 */
record RunFile(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, JsonNode kafka,
    JsonNode events, JsonNode processor, JsonNode rules, JsonNode cost, JsonNode gateway, JsonNode sink,
    JsonNode exporter, Path baseDir) {

  /** The file's top-level keys as written. */
  private record Keys(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, JsonNode kafka,
      JsonNode events, JsonNode processor, JsonNode rules, JsonNode cost, JsonNode gateway, JsonNode sink,
      JsonNode exporter) {}

  static RunFile load(Path file) {
    if (file == null) {
      return new RunFile(null, null, null, null, null, null, null, null, null, null, null, Path.of("."));
    }
    Keys keys = YamlConfig.bind(YamlConfig.read(file), Keys.class, "");
    Path baseDir = file.toAbsolutePath().getParent();
    return new RunFile(keys.bootstrapServers(), keys.schemaRegistryUrl(), keys.topicPrefix(), keys.kafka(),
        keys.events(), keys.processor(), keys.rules(), keys.cost(), keys.gateway(), keys.sink(), keys.exporter(),
        baseDir);
  }

  KafkaOptions.FileSettings kafkaSettings() {
    return new KafkaOptions.FileSettings(bootstrapServers, schemaRegistryUrl, topicPrefix,
        YamlConfig.stringMap(kafka, "kafka"));
  }
}

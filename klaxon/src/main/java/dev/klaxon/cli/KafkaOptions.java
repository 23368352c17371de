package dev.klaxon.cli;

import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where Kafka is: the options every command takes. Each setting is taken from the first of: the
 * option, its environment variable, the config file ({@code klaxon run --config}), a running embedded
 * broker ({@link EmbeddedBrokerFile}), the default.
 */
final class KafkaOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka cluster to use. Default: $KLAXON_BOOTSTRAP_SERVERS, else the config file's, else a running "
          + "demo's embedded broker, else localhost:9092.")
  String bootstrapServers;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Prefix of Klaxon's topic names. Default: $KLAXON_TOPIC_PREFIX, else the config file's, else "
          + Topics.DEFAULT_PREFIX)
  String topicPrefix;

  @Option(names = {"-X", "--kafka"}, paramLabel = "KEY=VALUE",
      description = "Any Kafka client property, for every client, e.g. -X security.protocol=SASL_SSL. Repeatable. "
          + "Also $KLAXON_KAFKA_<NAME> (KLAXON_KAFKA_SASL_MECHANISM=PLAIN).")
  Map<String, String> kafka = new HashMap<>();

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Confluent-API schema registry (Confluent, Redpanda, Apicurio ccompat, Karapace). Default: "
          + "$KLAXON_SCHEMA_REGISTRY_URL, else the config file's, else none: registry-free Avro single-object encoding.")
  String schemaRegistryUrl;

  /** Settings a config file gives (all may be null), used where neither option nor environment does. */
  record FileSettings(String bootstrapServers, String schemaRegistryUrl, String topicPrefix, Map<String, String> kafka) {
    static final FileSettings NONE = new FileSettings(null, null, null, Map.of());
  }

  KafkaCluster cluster(FileSettings file, Map<String, String> env) {
    Map<String, String> properties = new LinkedHashMap<>(file.kafka());
    properties.putAll(KafkaCluster.propertiesFromEnv(env));
    properties.putAll(kafka);
    String prefix = first(topicPrefix, env.get("KLAXON_TOPIC_PREFIX"), file.topicPrefix()).orElse(Topics.DEFAULT_PREFIX);
    return new KafkaCluster(bootstrap(file, env), first(schemaRegistryUrl, env.get("KLAXON_SCHEMA_REGISTRY_URL"),
        file.schemaRegistryUrl()), new Topics(prefix), properties);
  }

  KafkaCluster cluster() {
    return cluster(FileSettings.NONE, System.getenv());
  }

  private String bootstrap(FileSettings file, Map<String, String> env) {
    return first(bootstrapServers, env.get("KLAXON_BOOTSTRAP_SERVERS"), file.bootstrapServers())
        .or(() -> EmbeddedBrokerFile.standard().find()).orElse("localhost:9092");
  }

  private static Optional<String> first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return Optional.of(value.strip());
      }
    }
    return Optional.empty();
  }

  AvroSerdes serdes() {
    return AvroSerdes.forRegistryUrl(cluster().schemaRegistryUrl());
  }

  Topics topics() {
    return cluster().topics();
  }

  String resolveBootstrapServers() {
    return cluster().bootstrapServers();
  }

  /** Client properties: every -X, $KLAXON_KAFKA_*, and the bootstrap servers. */
  Map<String, Object> clientProperties() {
    return new HashMap<>(cluster().clientProperties(Map.of()));
  }
}

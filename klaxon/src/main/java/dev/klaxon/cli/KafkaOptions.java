package dev.klaxon.cli;

import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where Kafka is: the options every command takes. */
final class KafkaOptions {

  /** The demo writes its embedded broker's address here, so other commands find it. */
  static final Path DEMO_BOOTSTRAP_FILE = Path.of(".klaxon", "demo", "bootstrap.servers");

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka cluster to use. Default: $KLAXON_BOOTSTRAP_SERVERS, else the running demo's "
          + "embedded broker, else localhost:9092.")
  String bootstrapServers;

  @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of Klaxon's topic names (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(names = {"-X", "--kafka"}, paramLabel = "KEY=VALUE",
      description = "Any Kafka client property, e.g. -X security.protocol=SASL_SSL. Repeatable.")
  Map<String, String> kafka = new HashMap<>();

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Confluent-API schema registry (Confluent, Redpanda, Apicurio ccompat, Karapace). Default: "
          + "$KLAXON_SCHEMA_REGISTRY_URL, else none: registry-free Avro single-object encoding.")
  String schemaRegistryUrl;

  Optional<String> resolveSchemaRegistryUrl() {
    return Optional.ofNullable(schemaRegistryUrl).or(() -> Optional.ofNullable(System.getenv("KLAXON_SCHEMA_REGISTRY_URL")))
        .filter(url -> !url.isBlank());
  }

  AvroSerdes serdes() {
    return AvroSerdes.forRegistryUrl(resolveSchemaRegistryUrl());
  }

  Topics topics() {
    return new Topics(topicPrefix);
  }

  String resolveBootstrapServers() {
    if (bootstrapServers != null) {
      return bootstrapServers;
    }
    String fromEnv = System.getenv("KLAXON_BOOTSTRAP_SERVERS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (Files.isRegularFile(DEMO_BOOTSTRAP_FILE)) {
      try {
        return Files.readString(DEMO_BOOTSTRAP_FILE).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return "localhost:9092";
  }

  /** Client properties: bootstrap servers plus every -X. */
  Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put("bootstrap.servers", resolveBootstrapServers());
    return props;
  }
}

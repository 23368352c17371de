package dev.klaxon.runtime;

import dev.klaxon.schemas.Topics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Kafka is, shared by every role of a process: the bootstrap servers, the schema registry (or
 * none: registry-free encoding), Klaxon's topic names, and Kafka client properties applied to every
 * client every role creates ({@code security.protocol}, SASL, TLS...). A role's own properties are
 * laid over these.
 */
public record KafkaCluster(String bootstrapServers, Optional<String> schemaRegistryUrl, Topics topics,
    Map<String, String> properties) {

  /** Prefix of environment variables holding Kafka properties: {@code KLAXON_KAFKA_SASL_JAAS_CONFIG}. */
  public static final String ENV_PREFIX = "KLAXON_KAFKA_";

  private static final Pattern SENSITIVE =
      Pattern.compile("(?i).*(password|jaas|secret|credential|token|user\\.info|\\.key$).*");

  public KafkaCluster {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must be set");
    }
    schemaRegistryUrl = schemaRegistryUrl == null ? Optional.empty() : schemaRegistryUrl.filter(url -> !url.isBlank());
    properties = Map.copyOf(properties);
  }

  /** The same settings for another cluster address, e.g. an embedded broker's. */
  public KafkaCluster withBootstrapServers(String servers) {
    return new KafkaCluster(servers, schemaRegistryUrl, topics, properties);
  }

  /** Every client property of a role: the shared ones, the role's own over them, and the bootstrap servers. */
  public Map<String, String> clientProperties(Map<String, String> roleProperties) {
    Map<String, String> merged = new LinkedHashMap<>(properties);
    merged.putAll(roleProperties);
    merged.put("bootstrap.servers", bootstrapServers);
    return merged;
  }

  /** {@code KLAXON_KAFKA_SASL_MECHANISM=PLAIN} → {@code sasl.mechanism=PLAIN}. */
  public static Map<String, String> propertiesFromEnv(Map<String, String> env) {
    Map<String, String> properties = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
        properties.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return properties;
  }

  /** Client properties for a log line: values that look like credentials are masked. */
  public static Map<String, String> masked(Map<String, String> properties) {
    Map<String, String> shown = new LinkedHashMap<>();
    properties.forEach((key, value) -> shown.put(key, SENSITIVE.matcher(key).matches() ? "<secret>" : value));
    return shown;
  }

  @Override
  public String toString() {
    return "KafkaCluster[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
        + ", topics=" + topics.prefix() + "*, properties=" + masked(properties) + "]";
  }
}

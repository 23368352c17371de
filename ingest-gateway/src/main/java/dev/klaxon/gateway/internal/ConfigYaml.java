package dev.klaxon.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.YamlConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Reads {@link GatewayConfig} with Klaxon's one config reader ({@link YamlConfig}): the file is laid
 * over the defaults (so any key may be left out), environment overrides over that, and the result
 * is bound strictly (unknown keys are errors naming their path).
 */
public final class ConfigYaml {

  private ConfigYaml() {
  }

  /**
   * @param file the gateway's keys (the {@code gateway:} section of {@code klaxon.yaml}, or a file of its own)
   * @param path where {@code file} sits in its file, for error messages ({@code "gateway"}, or {@code ""})
   * @param kafkaFromEnv whether {@code KLAXON_KAFKA_*} still has to be applied (not when the caller's
   *     shared Kafka settings already hold it, so every role reads the environment the same way)
   */
  public static GatewayConfig parse(JsonNode file, Map<String, String> env, String path, boolean kafkaFromEnv) {
    Objects.requireNonNull(env, "env");
    ObjectNode tree = defaults();
    YamlConfig.merge(tree, file);
    if (kafkaFromEnv) {
      KafkaCluster.propertiesFromEnv(env).forEach(YamlConfig.mapping(tree, "kafka", join(path, "kafka"))::put);
    }
    applyKeysFromEnv(tree, env, path);
    return YamlConfig.bind(tree, GatewayConfig.class, path);
  }

  /** The defaults as a tree; with auth off, so that a file without keys is refused unless it asks for demo mode. */
  private static ObjectNode defaults() {
    ObjectNode tree = YamlConfig.tree(GatewayConfig.demo("localhost:9092"));
    ((ObjectNode) tree.get("auth")).put("demoMode", false);
    return tree;
  }

  private static void applyKeysFromEnv(ObjectNode tree, Map<String, String> env, String path) {
    String keys = env.get(GatewayConfig.KEYS_ENV);
    if (keys != null && !keys.isBlank()) {
      ObjectNode auth = YamlConfig.mapping(tree, "auth", join(path, "auth"));
      JsonNode list = auth.get("keys");
      ArrayNode array = list instanceof ArrayNode existing ? existing : auth.putArray("keys");
      EnvKeys.parse(keys).forEach(key -> array.add(YamlConfig.tree(Map.of(
          "name", key.name(), "key", key.key(), "services", key.services()))));
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}

package dev.klaxon.sink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.sink.config.SinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code sink:} section of {@code klaxon.yaml}. Every key is optional; unknown keys are errors.
 * The routing itself (Alertmanager-shaped {@code route}, {@code receivers}, {@code inhibit_rules})
 * is a file of its own, as Alertmanager's is, so it can be checked with {@code klaxon sink check}.
 *
 * <pre>
 * sink:
 *   routing: sink.yaml          # relative to klaxon.yaml; default: the shipped routing
 *   groupId: klaxon-alert-sink  # instances with the same id share the alert groups
 *   httpPort: 9465              # /metrics, /health/*; 0 = any free port, -1 = off
 *   apiPort: 9466               # silences API; localhost only without admin keys
 *   apiKeysFile: /run/secrets/klaxon-admin-keys   # one key per line; or $KLAXON_SINK_API_KEYS
 *   kafka: {}                   # this role's clients only, over the shared kafka properties
 * </pre>
 */
public record SinkSection(String routing, String groupId, int httpPort, int apiPort, String apiKeysFile,
    Map<String, String> kafka) {

  public static final int DEFAULT_HTTP_PORT = 9465;
  public static final int DEFAULT_API_PORT = 9466;
  /** Admin keys of the silences API, comma-separated. */
  public static final String API_KEYS_ENV = "KLAXON_SINK_API_KEYS";
  /** A file of admin keys, one per line. */
  public static final String API_KEYS_FILE_ENV = "KLAXON_SINK_API_KEYS_FILE";

  public static final SinkSection DEFAULTS = new SinkSection(null, SinkSettings.DEFAULT_GROUP_ID, DEFAULT_HTTP_PORT,
      DEFAULT_API_PORT, null, Map.of());

  public SinkSection {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /**
   * The section as written (null: all defaults), checked strictly; errors name {@code sink.<key>}.
   *
   * @param baseDir where a relative {@code routing} path starts: the directory of {@code klaxon.yaml}
   */
  public static SinkSection from(JsonNode section, Path baseDir) {
    SinkSection bound = YamlConfig.bind(YamlConfig.merge(YamlConfig.tree(DEFAULTS), section), SinkSection.class, "sink");
    if (bound.groupId() == null || !bound.groupId().matches("[a-zA-Z0-9._-]+")) {
      throw new ConfigException("sink.groupId may hold only letters, digits, '.', '_' and '-': " + bound.groupId());
    }
    String routing = bound.routing() == null ? null : baseDir.resolve(bound.routing()).toString();
    return new SinkSection(routing, bound.groupId(), bound.httpPort(), bound.apiPort(), bound.apiKeysFile(),
        bound.kafka());
  }

  /** The routing file, checked (every problem listed at once), or the shipped routing. */
  public SinkConfig routingConfig() {
    if (routing == null) {
      return SinkConfig.defaults();
    }
    if (!Files.isRegularFile(Path.of(routing))) {
      throw new ConfigException("sink.routing: " + routing + " does not exist");
    }
    return SinkConfig.load(Path.of(routing));
  }

  public SinkSettings settings(KafkaCluster cluster, Map<String, String> env) {
    Map<String, Object> clientProperties = Map.copyOf(cluster.clientProperties(kafka));
    return SinkSettings.defaults(cluster.bootstrapServers()).withKafka(clientProperties).withTopics(cluster.topics())
        .withSchemaRegistryUrl(cluster.schemaRegistryUrl()).withGroupId(groupId).withPorts(httpPort, apiPort)
        .withApiTokens(apiKeys(env));
  }

  private List<Secret> apiKeys(Map<String, String> env) {
    List<String> keys = new ArrayList<>();
    String inline = env.get(API_KEYS_ENV);
    if (inline != null) {
      keys.addAll(Arrays.asList(inline.split(",")));
    }
    String file = env.getOrDefault(API_KEYS_FILE_ENV, apiKeysFile);
    if (file != null && !file.isBlank()) {
      try {
        keys.addAll(Files.readAllLines(Path.of(file)));
      } catch (IOException e) {
        throw new ConfigException("sink.apiKeysFile: cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    return keys.stream().map(String::strip).filter(k -> !k.isEmpty()).map(Secret::of).toList();
  }
}

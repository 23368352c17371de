package dev.klaxon.gateway.internal;

import dev.klaxon.schemas.config.Durations;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.gateway.ConfigException;
import dev.klaxon.gateway.GatewayConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads {@link GatewayConfig} from YAML: the file is laid over the defaults (so any key may be
 * left out), environment overrides are laid over that, and the result is bound strictly (unknown
 * keys are errors). Every failure becomes a {@link ConfigException} naming the key.
 */
public final class ConfigYaml {

  private static final ObjectMapper MAPPER = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addModule(new SimpleModule("klaxon-durations")
          .addSerializer(Duration.class, new DurationSerializer())
          .addDeserializer(Duration.class, new DurationDeserializer()))
      .build();

  private ConfigYaml() {
  }

  public static GatewayConfig parse(String yaml, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    ObjectNode tree = defaults();
    JsonNode file;
    try {
      file = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException("config is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (file != null && !file.isMissingNode() && !file.isNull()) {
      if (!file.isObject()) {
        throw new ConfigException("config must be a YAML mapping of keys (http, kafka, auth...)");
      }
      merge(tree, (ObjectNode) file);
    }
    applyEnv(tree, env);
    return bind(tree);
  }

  /** The defaults as a tree; with auth off, so that a file without keys is refused unless it asks for demo mode. */
  private static ObjectNode defaults() {
    ObjectNode tree = MAPPER.valueToTree(GatewayConfig.demo("localhost:9092"));
    ((ObjectNode) tree.get("auth")).put("demoMode", false);
    return tree;
  }

  /** Objects merge key by key; anything else (scalars, lists) replaces; an explicit null keeps the default. */
  private static void merge(ObjectNode target, ObjectNode overlay) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode current = target.get(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull()) {
        continue;
      }
      if (current instanceof ObjectNode currentObject && value instanceof ObjectNode valueObject) {
        merge(currentObject, valueObject);
      } else {
        target.set(field.getKey(), value);
      }
    }
  }

  private static void applyEnv(ObjectNode tree, Map<String, String> env) {
    env.forEach((name, value) -> {
      if (name.startsWith(GatewayConfig.KAFKA_ENV_PREFIX) && name.length() > GatewayConfig.KAFKA_ENV_PREFIX.length()) {
        String property = name.substring(GatewayConfig.KAFKA_ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
            .replace('_', '.');
        kafkaNode(tree).put(property, value);
      }
    });
    String keys = env.get(GatewayConfig.KEYS_ENV);
    if (keys != null && !keys.isBlank()) {
      JsonNode auth = tree.get("auth");
      if (!(auth instanceof ObjectNode authObject)) {
        throw new ConfigException("auth must be a mapping");
      }
      JsonNode list = authObject.get("keys");
      ArrayNode array = list instanceof ArrayNode existing ? existing : authObject.putArray("keys");
      EnvKeys.parse(keys).forEach(key -> array.add(MAPPER.valueToTree(Map.of(
          "name", key.name(), "key", key.key(), "services", key.services()))));
    }
  }

  private static ObjectNode kafkaNode(ObjectNode tree) {
    JsonNode kafka = tree.get("kafka");
    if (!(kafka instanceof ObjectNode object)) {
      throw new ConfigException("kafka must be a mapping of Kafka client properties");
    }
    return object;
  }

  private static GatewayConfig bind(ObjectNode tree) {
    try {
      return MAPPER.treeToValue(tree, GatewayConfig.class);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof ConfigException config) {
        throw config;
      }
      throw new ConfigException("config key '" + path(e) + "': " + rootMessage(e));
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString)
          .sorted().collect(Collectors.joining(", "));
      throw new ConfigException("unknown config key '" + path(e) + "'" + (known.isEmpty() ? "" : "; known here: " + known));
    } catch (JsonMappingException e) {
      throw new ConfigException("config key '" + path(e) + "': " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException("cannot read config: " + e.getOriginalMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** {@code auth.keys[0].name} from Jackson's reference chain. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static final class DurationSerializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator json, SerializerProvider provider) throws IOException {
      json.writeString(Durations.format(value));
    }
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser json, DeserializationContext context) throws IOException {
      String text = json.getValueAsString();
      try {
        return Durations.parse(text == null ? json.getText() : text);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(json, e.getMessage());
      }
    }
  }
}

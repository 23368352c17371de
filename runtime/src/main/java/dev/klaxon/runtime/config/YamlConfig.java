package dev.klaxon.runtime.config;

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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.schemas.config.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Klaxon's one way of reading configuration: YAML into a tree, laid over the defaults (so any key may
 * be left out), environment overrides laid over that by the caller, then bound strictly to immutable
 * records: unknown keys are errors, and every error is a {@link ConfigException} naming the full key
 * path (e.g. {@code gateway.http.prot}) with the keys known there. Durations are written as
 * {@link Durations} reads them ({@code 10s}, {@code 1h30m}).
 */
public final class YamlConfig {

  private static final ObjectMapper MAPPER = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .addModule(new SimpleModule("klaxon-durations")
          .addSerializer(Duration.class, new DurationSerializer())
          .addDeserializer(Duration.class, new DurationDeserializer()))
      .build();

  private YamlConfig() {}

  /** An empty mapping, for "no file". */
  public static ObjectNode empty() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Reads {@code file} as a YAML mapping; an empty file is an empty mapping. */
  public static ObjectNode read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
  }

  /** Reads YAML text as a mapping; {@code source} names it in errors. */
  public static ObjectNode parse(String yaml, String source) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source + " is not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return empty();
    }
    if (!tree.isObject()) {
      throw new ConfigException(source + " must be a YAML mapping of keys");
    }
    return (ObjectNode) tree;
  }

  /** {@code value} as a tree, e.g. a record of defaults to lay a file over. */
  public static ObjectNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /**
   * Lays {@code overlay} over {@code target} in place: mappings merge key by key; anything else
   * (scalars, lists) replaces; an explicit null keeps what is there.
   */
  public static ObjectNode merge(ObjectNode target, JsonNode overlay) {
    if (overlay == null || overlay.isNull() || overlay.isMissingNode()) {
      return target;
    }
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
        target.set(field.getKey(), value.deepCopy());
      }
    }
    return target;
  }

  /**
   * The mapping at {@code key} of {@code parent}, created when absent.
   *
   * @throws ConfigException when {@code key} holds something else than a mapping
   */
  public static ObjectNode mapping(ObjectNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return parent.putObject(key);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ConfigException(path + " must be a mapping");
    }
    return object;
  }

  /**
   * A mapping of names to scalar values, such as Kafka properties under {@code kafka:}; absent or
   * null is empty. Numbers and booleans are kept as written ({@code linger.ms: 5} is {@code "5"}).
   */
  public static Map<String, String> stringMap(JsonNode node, String path) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return values;
    }
    if (!node.isObject()) {
      throw new ConfigException(path + " must be a mapping of names to values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isValueNode() || field.getValue().isNull()) {
        throw new ConfigException(path + "." + field.getKey() + " must be a single value");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    return values;
  }

  /**
   * Binds {@code tree} to {@code type} strictly.
   *
   * @param path the key path of {@code tree} in its file ({@code ""} for the top), prefixed to every
   *     key an error names
   */
  public static <T> T bind(JsonNode tree, Class<T> type, String path) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConfigException config) {
        throw new ConfigException(prefixed(path, config.getMessage()));
      }
      throw new ConfigException("config key '" + join(path, path(e)) + "': " + rootMessage(e));
    } catch (UnrecognizedPropertyException e) {
      String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream().map(Object::toString)
          .sorted().collect(Collectors.joining(", "));
      throw new ConfigException("unknown config key '" + join(path, path(e)) + "'"
          + (known.isEmpty() ? "" : "; known here: " + known));
    } catch (JsonMappingException e) {
      throw new ConfigException("config key '" + join(path, path(e)) + "': " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new ConfigException("cannot read config" + (path.isEmpty() ? "" : " " + path) + ": "
          + e.getOriginalMessage());
    }
  }

  /** A record's own validation names keys relative to the record; this puts the section in front. */
  private static String prefixed(String path, String message) {
    if (path.isEmpty() || message.startsWith(path + ".")) {
      return message;
    }
    return message.startsWith("config key '") || message.startsWith("unknown config key '")
        ? message.replaceFirst("key '", "key '" + path + ".") : path + "." + message;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
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

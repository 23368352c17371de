package dev.klaxon.sink.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.InvalidConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one integration's YAML entry strictly: unknown keys and wrong types are errors that name
 * their path. Messages never repeat a value, so a secret given in the wrong place does not leak.
 */
public final class StrictConfig {

  private final JsonNode node;
  private final String path;

  private StrictConfig(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** @throws InvalidConfigException listing every key not in {@code allowed} */
  public static StrictConfig of(JsonNode node, String path, Set<String> allowed) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      node = Json.object(); // "- {}" and a bare "-" mean the same: all defaults
    }
    if (!node.isObject()) {
      throw InvalidConfigException.at(path, "must be a mapping of settings");
    }
    List<String> problems = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.add(path + "." + name + ": unknown key (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new StrictConfig(node, path);
  }

  public String path() {
    return path;
  }

  public String pathOf(String key) {
    return path + "." + key;
  }

  public boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  public Optional<String> string(String key) {
    if (!has(key)) {
      return Optional.empty();
    }
    JsonNode value = node.get(key);
    if (!value.isTextual()) {
      throw InvalidConfigException.at(pathOf(key), "must be a string");
    }
    if (value.textValue().isBlank()) {
      throw InvalidConfigException.at(pathOf(key), "must not be empty");
    }
    return Optional.of(value.textValue());
  }

  public String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isBoolean()) {
      throw InvalidConfigException.at(pathOf(key), "must be true or false");
    }
    return value.booleanValue();
  }

  public int integer(String key, int fallback, int min, int max) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode value = node.get(key);
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      throw InvalidConfigException.at(pathOf(key), "must be a whole number from " + min + " to " + max);
    }
    return value.intValue();
  }

  public Optional<Template> template(String key) {
    return string(key).map(source -> Template.compile(source, pathOf(key)));
  }

  /** A plain (not secret) http(s) URL, such as PagerDuty's events endpoint. */
  public URI url(String key, String fallback) {
    String value = string(key, fallback);
    URI uri = HttpUrls.parse(value).orElseThrow(() -> InvalidConfigException.at(pathOf(key), "must be an absolute http or https URL"));
    return uri;
  }

  /** Keys this class reserves for a secret called {@code name}: the inline value, a file, an env var. */
  public static Set<String> secretKeys(String name) {
    return Set.of(name, name + "_file", name + "_env");
  }

  public static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}

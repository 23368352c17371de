package dev.klaxon.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.schemas.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a YAML tree strictly, collecting every problem with its path instead of stopping at the
 * first, so one run of a {@code check} command lists all of them. For files people edit by hand
 * (routing, alert rules), where {@link YamlConfig}'s stop-at-the-first-error binding would make a
 * fix-run-fix loop. Messages never echo values of keys they do not know (such a value might be a
 * secret typed in the wrong place).
 */
public final class StrictYaml {

  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** Every problem so far, as {@code path: message}, in the order found. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public boolean hasProblems() {
    return !problems.isEmpty();
  }

  public void problem(String path, String message) {
    problems.add(path + ": " + message);
  }

  public void warning(String path, String message) {
    warnings.add(path + ": " + message);
  }

  public boolean isObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem(path, "expected a mapping" + found(node));
      return false;
    }
    return true;
  }

  /** Reports keys of {@code node} outside {@code allowed}, with a "did you mean" when one is close. */
  public void onlyKeys(JsonNode node, String path, Collection<String> allowed,
      Function<String, Optional<String>> hint) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (!allowed.contains(key)) {
        Optional<String> suggestion = hint.apply(key).or(() -> closest(key, allowed));
        problem(join(path, key), "unknown key" + suggestion.map(s -> " (did you mean " + s + "?)").orElse(""));
      }
    }
  }

  public void onlyKeys(JsonNode node, String path, Collection<String> allowed) {
    onlyKeys(node, path, allowed, key -> Optional.empty());
  }

  public Optional<String> text(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      problem(join(path, key), "expected a string" + found(node));
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  public Optional<Boolean> bool(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      problem(join(path, key), "expected true or false" + found(node));
      return Optional.empty();
    }
    return Optional.of(node.asBoolean());
  }

  /** A number (integer or decimal); absent → empty Optional. */
  public Optional<Double> number(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      problem(join(path, key), "expected a number" + found(node));
      return Optional.empty();
    }
    return Optional.of(node.asDouble());
  }

  /** A whole number ≥ 0; absent → empty Optional. */
  public Optional<Long> count(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || node.asLong() < 0) {
      problem(join(path, key), "expected a whole number ≥ 0" + found(node));
      return Optional.empty();
    }
    return Optional.of(node.asLong());
  }

  /** A duration as {@link Durations} reads it ({@code 10s}, {@code 1h30m}); absent → empty Optional. */
  public Optional<Duration> duration(JsonNode parent, String key, String path) {
    return text(parent, key, path).flatMap(text -> {
      try {
        return Optional.of(Durations.parse(text));
      } catch (IllegalArgumentException e) {
        problem(join(path, key), e.getMessage());
        return Optional.empty();
      }
    });
  }

  /** A list of strings; absent → empty Optional. */
  public Optional<List<String>> strings(JsonNode parent, String key, String path) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      problem(join(path, key), "expected a list" + found(node));
      return Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (node.get(i).isTextual()) {
        out.add(node.get(i).asText());
      } else {
        problem(join(path, key) + "[" + i + "]", "expected a string" + found(node.get(i)));
      }
    }
    return Optional.of(out);
  }

  public static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** {@code ", found a list"}: what was there instead, never its value. */
  public static String found(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return ", found nothing";
    }
    return ", found " + (node.isObject() ? "a mapping" : node.isArray() ? "a list" : node.isNull() ? "null"
        : node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "a value");
  }

  /** The allowed key within edit distance 2, if any: catches typos like {@code recevier}. */
  public static Optional<String> closest(String key, Collection<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : allowed) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

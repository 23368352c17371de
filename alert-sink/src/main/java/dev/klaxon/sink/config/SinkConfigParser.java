package dev.klaxon.sink.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.runtime.config.StrictYaml;
import dev.klaxon.sink.InvalidConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** YAML → {@link SinkConfig}: structure here, meaning in {@link ConfigChecks}. */
final class SinkConfigParser {

  /** Integration types a receiver may list as {@code <type>_configs}. */
  static final List<String> INTEGRATION_TYPES = List.of("slack", "discord", "pagerduty", "webhook", "log");

  private static final Set<String> TOP_KEYS = Set.of("route", "receivers", "inhibit_rules");
  private static final Set<String> ROUTE_KEYS = Set.of("receiver", "matchers", "group_by", "group_wait",
      "group_interval", "repeat_interval", "continue", "routes");
  private static final Set<String> INHIBIT_KEYS = Set.of("source_matchers", "target_matchers", "equal");
  private static final Map<String, String> OLD_FORMS = Map.of(
      "match", "matchers", "match_re", "matchers", "matcher", "matchers",
      "source_match", "source_matchers", "source_match_re", "source_matchers",
      "target_match", "target_matchers", "target_match_re", "target_matchers");

  private static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
  private static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
  private static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  private final StrictYaml yaml = new StrictYaml();

  SinkConfig parse(String text) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      throw InvalidConfigException.at("(file)", "not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw InvalidConfigException.at("(file)", "empty; expected route and receivers");
    }
    if (!yaml.isObject(root, "(file)")) {
      throw new InvalidConfigException(yaml.problems());
    }
    yaml.onlyKeys(root, "", TOP_KEYS, key -> Optional.ofNullable(OLD_FORMS.get(key)));

    List<ReceiverConfig> receivers = receivers(root.get("receivers"));
    RouteConfig route = null;
    JsonNode routeNode = root.get("route");
    if (routeNode == null) {
      yaml.problem("route", "missing: every config needs a root route with a receiver");
    } else {
      route = route(routeNode, "route", null, "{}", true);
    }
    List<InhibitRuleConfig> rules = inhibitRules(root.get("inhibit_rules"));
    if (route != null) {
      // Structural and semantic problems together, so one check lists everything to fix.
      new ConfigChecks(yaml, yaml.problems().isEmpty()).check(route, receivers, rules);
    }
    if (!yaml.problems().isEmpty()) {
      throw new InvalidConfigException(yaml.problems());
    }
    return new SinkConfig(route, receivers, rules, yaml.warnings());
  }

  private List<ReceiverConfig> receivers(JsonNode node) {
    List<ReceiverConfig> out = new ArrayList<>();
    if (node == null) {
      yaml.problem("receivers", "missing: at least one receiver is needed");
      return out;
    }
    if (!node.isArray()) {
      yaml.problem("receivers", "expected a list");
      return out;
    }
    Set<String> allowed = new HashSet<>(INTEGRATION_TYPES.stream().map(t -> t + "_configs").toList());
    allowed.add("name");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "receivers[" + i + "]";
      JsonNode entry = node.get(i);
      if (!yaml.isObject(entry, path)) {
        continue;
      }
      yaml.onlyKeys(entry, path, allowed, key -> key.endsWith("_configs")
          ? Optional.of("one of " + allowed.stream().filter(k -> !k.equals("name")).sorted().collect(Collectors.joining(", ")))
          : Optional.empty());
      Optional<String> name = yaml.text(entry, "name", path);
      if (name.isEmpty() || name.get().isBlank()) {
        yaml.problem(path + ".name", "missing");
        continue;
      }
      if (!names.add(name.get())) {
        yaml.problem(path + ".name", "receiver '" + name.get() + "' is defined twice");
      }
      Map<String, List<JsonNode>> configs = new LinkedHashMap<>();
      for (String type : INTEGRATION_TYPES) {
        JsonNode list = entry.get(type + "_configs");
        if (list == null || list.isNull()) {
          continue;
        }
        if (!list.isArray()) {
          yaml.problem(path + "." + type + "_configs", "expected a list");
          continue;
        }
        List<JsonNode> entries = new ArrayList<>();
        for (int j = 0; j < list.size(); j++) {
          if (yaml.isObject(list.get(j), path + "." + type + "_configs[" + j + "]")) {
            entries.add(list.get(j));
          }
        }
        configs.put(type, entries);
      }
      out.add(new ReceiverConfig(name.get(), path, configs));
    }
    return out;
  }

  private RouteConfig route(JsonNode node, String path, RouteConfig parent, String key, boolean root) {
    if (!yaml.isObject(node, path)) {
      return null;
    }
    yaml.onlyKeys(node, path, ROUTE_KEYS, k -> Optional.ofNullable(OLD_FORMS.get(k)));
    List<Matcher> matchers = matchers(node, "matchers", path);
    if (root && node.has("matchers")) {
      yaml.problem(path + ".matchers", "the root route matches every alert; put matchers on child routes");
    }
    if (root && node.has("continue")) {
      yaml.problem(path + ".continue", "the root route has no siblings to continue to");
    }
    String receiver = yaml.text(node, "receiver", path).orElse(parent == null ? null : parent.receiver());
    if (root && receiver == null) {
      yaml.problem(path + ".receiver", "missing: the root route needs a receiver for alerts no child route takes");
    }
    GroupBy groupBy = groupBy(node, path).orElse(parent == null ? GroupBy.NONE : parent.groupBy());
    Duration groupWait = yaml.duration(node, "group_wait", path)
        .orElse(parent == null ? DEFAULT_GROUP_WAIT : parent.groupWait());
    Duration groupInterval = yaml.duration(node, "group_interval", path)
        .orElse(parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupInterval());
    Duration repeatInterval = yaml.duration(node, "repeat_interval", path)
        .orElse(parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatInterval());
    boolean cont = yaml.bool(node, "continue", path).orElse(false);
    RouteConfig self = new RouteConfig(path, key, matchers, receiver, groupBy, groupWait, groupInterval,
        repeatInterval, cont, List.of());

    List<RouteConfig> children = new ArrayList<>();
    JsonNode routes = node.get("routes");
    if (routes != null && !routes.isNull()) {
      if (!routes.isArray()) {
        yaml.problem(path + ".routes", "expected a list");
      } else {
        Set<String> childKeys = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
          JsonNode child = routes.get(i);
          String childKey = key + "/{" + (child != null && child.isObject()
              ? matchersQuietly(child).stream().map(Matcher::toString).collect(Collectors.joining(","))
              : "") + "}";
          if (!childKeys.add(childKey)) {
            childKey = childKey + "#" + i; // identical siblings still need distinct group keys
          }
          RouteConfig parsed = route(child, path + ".routes[" + i + "]", self, childKey, false);
          if (parsed != null) {
            children.add(parsed);
          }
        }
      }
    }
    return new RouteConfig(path, key, matchers, receiver, groupBy, groupWait, groupInterval, repeatInterval,
        cont, children);
  }

  private Optional<GroupBy> groupBy(JsonNode node, String path) {
    return yaml.strings(node, "group_by", path).map(labels -> {
      if (labels.contains("...")) {
        if (labels.size() > 1) {
          yaml.problem(path + ".group_by", "'...' groups by every label; list nothing else with it");
        }
        return GroupBy.ALL;
      }
      for (int i = 0; i < labels.size(); i++) {
        if (!labels.get(i).matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
          yaml.problem(path + ".group_by[" + i + "]", "invalid label name '" + labels.get(i) + "'");
        }
      }
      if (new HashSet<>(labels).size() != labels.size()) {
        yaml.problem(path + ".group_by", "lists a label twice");
      }
      return new GroupBy(labels, false);
    });
  }

  private List<InhibitRuleConfig> inhibitRules(JsonNode node) {
    List<InhibitRuleConfig> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      yaml.problem("inhibit_rules", "expected a list");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "inhibit_rules[" + i + "]";
      JsonNode entry = node.get(i);
      if (!yaml.isObject(entry, path)) {
        continue;
      }
      yaml.onlyKeys(entry, path, INHIBIT_KEYS, k -> Optional.ofNullable(OLD_FORMS.get(k)));
      List<Matcher> source = matchers(entry, "source_matchers", path);
      List<Matcher> target = matchers(entry, "target_matchers", path);
      if (!entry.has("source_matchers")) {
        yaml.problem(path + ".source_matchers", "missing: which alerts mute");
      }
      if (!entry.has("target_matchers")) {
        yaml.problem(path + ".target_matchers", "missing: which alerts are muted");
      }
      List<String> equal = yaml.strings(entry, "equal", path).orElse(List.of());
      out.add(new InhibitRuleConfig(path, source, target, equal));
    }
    return out;
  }

  private List<Matcher> matchers(JsonNode parent, String key, String path) {
    List<Matcher> out = new ArrayList<>();
    List<String> texts = yaml.strings(parent, key, path).orElse(List.of());
    for (int i = 0; i < texts.size(); i++) {
      try {
        out.add(Matcher.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        yaml.problem(StrictYaml.join(path, key) + "[" + i + "]", e.getMessage());
      }
    }
    return out;
  }

  /** The matchers of {@code node} that parse, reporting nothing (the caller reports them once). */
  private static List<Matcher> matchersQuietly(JsonNode node) {
    List<Matcher> out = new ArrayList<>();
    JsonNode list = node.get("matchers");
    if (list != null && list.isArray()) {
      for (JsonNode item : list) {
        try {
          out.add(Matcher.parse(item.asText()));
        } catch (IllegalArgumentException e) {
          // reported where the route itself is read
        }
      }
    }
    return out;
  }
}

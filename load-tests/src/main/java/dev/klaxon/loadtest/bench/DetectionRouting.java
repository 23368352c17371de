package dev.klaxon.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.klaxon.sink.config.SinkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The detection benchmark's alert routing: the shipped tree ({@link SinkConfig#defaultYaml()}), once
 * per variant, every receiver turned into a webhook at the benchmark's local server.
 *
 * <p>Variant {@code a} sets {@code group_wait: 0s} on the critical route (Alertmanager's best case);
 * variant {@code b} keeps the shipped timings. Both run in one sink under a root that sends every
 * alert into each subtree ({@code continue: true}); each subtree sits behind a matcher every Klaxon
 * alert satisfies, only so the two subtrees have different route keys and so different groups.
 */
final class DetectionRouting {

  /** One routing variant: its id (a path segment of its webhook URLs) and its match-all matcher. */
  enum Variant {
    A("a", "alertname=~\".+\"", "group_wait 0s on the critical route"),
    B("b", "severity=~\".+\"", "shipped routing");

    final String id;
    final String matchAll;
    final String description;

    Variant(String id, String matchAll, String description) {
      this.id = id;
      this.matchAll = matchAll;
      this.description = description;
    }
  }

  private static final String CRITICAL_MATCHER = "severity=\"critical\"";
  private static final String UNROUTED = "unrouted";

  private final String yaml;
  private final Map<String, String> environment;

  private DetectionRouting(String yaml, Map<String, String> environment) {
    this.yaml = yaml;
    this.environment = Map.copyOf(environment);
  }

  /**
   * @param variants the subtrees to build
   * @param urlOf the local URL of a receiver, given its variant and shipped name
   */
  static DetectionRouting of(List<Variant> variants, java.util.function.BiFunction<Variant, String, String> urlOf) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    ObjectNode shipped;
    try {
      shipped = (ObjectNode) mapper.readTree(SinkConfig.defaultYaml());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode shippedRoute = (ObjectNode) shipped.get("route");
    Map<String, String> environment = new LinkedHashMap<>();

    ObjectNode root = mapper.createObjectNode();
    root.put("receiver", UNROUTED);
    root.set("group_by", shippedRoute.get("group_by").deepCopy());
    ArrayNode subtrees = root.putArray("routes");
    ArrayNode receivers = mapper.createArrayNode();
    receivers.add(webhookReceiver(mapper, UNROUTED, "BENCH_UNROUTED_URL"));
    environment.put("BENCH_UNROUTED_URL", urlOf.apply(null, UNROUTED));

    for (Variant variant : variants) {
      ObjectNode subtree = shippedRoute.deepCopy();
      subtree.putArray("matchers").add(variant.matchAll);
      subtree.put("continue", true);
      Function<String, String> rename = name -> variant.id + "-" + name;
      renameReceivers(subtree, rename);
      if (variant == Variant.A) {
        criticalRoute(subtree).put("group_wait", "0s");
      }
      subtrees.add(subtree);
      for (JsonNode receiver : shipped.get("receivers")) {
        String name = receiver.get("name").asText();
        String env = ("BENCH_" + variant.id + "_" + name + "_URL").toUpperCase().replace('-', '_');
        receivers.add(webhookReceiver(mapper, rename.apply(name), env));
        environment.put(env, urlOf.apply(variant, name));
      }
    }
    ObjectNode config = mapper.createObjectNode();
    config.set("route", root);
    config.set("inhibit_rules", shipped.get("inhibit_rules").deepCopy());
    config.set("receivers", receivers);
    try {
      return new DetectionRouting(mapper.writeValueAsString(config), environment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String yaml() {
    return yaml;
  }

  /** The {@code url_env} values the webhook receivers read. */
  Map<String, String> environment() {
    return environment;
  }

  /** The shipped critical route's group_wait, as written in the shipped file. */
  static String shippedCriticalGroupWait() {
    try {
      JsonNode shipped = new ObjectMapper(new YAMLFactory()).readTree(SinkConfig.defaultYaml());
      return criticalRoute((ObjectNode) shipped.get("route")).path("group_wait").asText("(inherited)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode criticalRoute(ObjectNode route) {
    for (JsonNode child : route.path("routes")) {
      for (JsonNode matcher : child.path("matchers")) {
        if (matcher.asText().replace(" ", "").equals(CRITICAL_MATCHER)) {
          return (ObjectNode) child;
        }
      }
    }
    throw new IllegalStateException("the shipped routing has no route matching " + CRITICAL_MATCHER);
  }

  private static void renameReceivers(ObjectNode route, Function<String, String> rename) {
    if (route.has("receiver")) {
      route.put("receiver", rename.apply(route.get("receiver").asText()));
    }
    for (JsonNode child : route.path("routes")) {
      renameReceivers((ObjectNode) child, rename);
    }
  }

  private static ObjectNode webhookReceiver(ObjectMapper mapper, String name, String urlEnv) {
    ObjectNode receiver = mapper.createObjectNode();
    receiver.put("name", name);
    receiver.putArray("webhook_configs").addObject().put("url_env", urlEnv);
    return receiver;
  }
}

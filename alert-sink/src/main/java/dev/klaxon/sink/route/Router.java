package dev.klaxon.sink.route;

import dev.klaxon.sink.config.Matcher;
import dev.klaxon.sink.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks the routing tree as Alertmanager does: depth first, the deepest matching routes win; a
 * matching child stops the search among its siblings unless it has {@code continue: true}; a route
 * none of whose children match takes the alert itself.
 */
public final class Router {

  private final RouteConfig root;

  private final Map<String, RouteConfig> byKey = new java.util.HashMap<>();

  public Router(RouteConfig root) {
    this.root = root;
    index(root, byKey);
  }

  /** The routes an alert with {@code labels} goes to, in tree order; never empty (the root takes the rest). */
  public List<RouteConfig> match(Map<String, String> labels) {
    List<RouteConfig> matched = match(root, labels);
    return matched.isEmpty() ? List.of(root) : matched;
  }

  /** The receivers, in tree order, without repeats. */
  public List<String> receivers(Map<String, String> labels) {
    return match(labels).stream().map(RouteConfig::receiver).distinct().toList();
  }

  private static List<RouteConfig> match(RouteConfig route, Map<String, String> labels) {
    for (Matcher m : route.matchers()) {
      if (!m.matches(labels)) {
        return List.of();
      }
    }
    List<RouteConfig> all = new ArrayList<>();
    for (RouteConfig child : route.routes()) {
      List<RouteConfig> matched = match(child, labels);
      all.addAll(matched);
      if (!matched.isEmpty() && !child.continueMatching()) {
        break;
      }
    }
    if (all.isEmpty()) {
      all.add(route);
    }
    return all;
  }

  /** The route with this {@link RouteConfig#key() key}, if the tree has it (config may have changed). */
  public java.util.Optional<RouteConfig> byKey(String key) {
    return java.util.Optional.ofNullable(byKey.get(key));
  }

  private static void index(RouteConfig route, Map<String, RouteConfig> out) {
    out.put(route.key(), route);
    route.routes().forEach(child -> index(child, out));
  }

  public RouteConfig root() {
    return root;
  }
}

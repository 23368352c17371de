package dev.klaxon.sink.config;

import java.time.Duration;
import java.util.List;

/**
 * One node of the routing tree with everything inherited already applied: an alert matching
 * {@link #matchers} (and its ancestors') goes to {@link #receiver}, unless a child matches first.
 *
 * @param path where the node is in the file, e.g. {@code route.routes[1]}
 * @param key stable id of the node for group keys, e.g. {@code {}/{severity="critical"}}
 * @param matchers this node's own matchers (the root has none)
 * @param continueMatching {@code continue}: after matching, keep trying the following siblings
 */
public record RouteConfig(String path, String key, List<Matcher> matchers, String receiver, GroupBy groupBy,
    Duration groupWait, Duration groupInterval, Duration repeatInterval, boolean continueMatching,
    List<RouteConfig> routes) {

  public RouteConfig {
    matchers = List.copyOf(matchers);
    routes = List.copyOf(routes);
  }
}

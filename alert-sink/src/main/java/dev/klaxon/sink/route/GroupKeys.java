package dev.klaxon.sink.route;

import dev.klaxon.sink.config.RouteConfig;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Group keys as Alertmanager writes them: the route's key and the group labels, e.g.
 * {@code {}/{severity="critical"}:{alertname="HighP95Latency", service="checkout"}}. Stable across
 * restarts and instances, so the notification log and PagerDuty's dedup_key find the group again.
 */
public final class GroupKeys {

  private GroupKeys() {}

  public static String of(RouteConfig route, Map<String, String> groupLabels) {
    return route.key() + ":{" + groupLabels.entrySet().stream()
        .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ")) + "}";
  }

  /** The route part of a group key. */
  public static String routeKeyOf(String groupKey) {
    // Route keys hold only matchers inside braces; the group part starts at the last ":{" outside them.
    int depth = 0;
    for (int i = 0; i < groupKey.length(); i++) {
      char c = groupKey.charAt(i);
      if (c == '"') {
        i = skipString(groupKey, i);
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ':' && depth == 0) {
        return groupKey.substring(0, i);
      }
    }
    throw new IllegalArgumentException("not a group key: " + groupKey);
  }

  private static int skipString(String s, int quote) {
    for (int i = quote + 1; i < s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
      } else if (s.charAt(i) == '"') {
        return i;
      }
    }
    return s.length();
  }
}

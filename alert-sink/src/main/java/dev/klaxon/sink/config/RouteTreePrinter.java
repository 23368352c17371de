package dev.klaxon.sink.config;

import dev.klaxon.schemas.config.Durations;
import java.time.Duration;
import java.util.List;

/**
 * The routing tree as text, for {@code klaxon sink check}: one line per route with its matchers,
 * receiver, {@code continue}, and whatever it sets differently from its parent.
 *
 * <pre>
 * route → slack  group_by=[alertname, service] group_wait=30s group_interval=5m repeat_interval=4h
 * ├─ {severity="critical"} → pagerduty  continue  group_wait=10s repeat_interval=1h
 * └─ {severity="info"} → daily-digest  group_by=[] group_wait=1d group_interval=1d repeat_interval=1d
 * </pre>
 */
public final class RouteTreePrinter {

  private RouteTreePrinter() {}

  public static String print(RouteConfig root) {
    StringBuilder out = new StringBuilder();
    out.append("route → ").append(root.receiver()).append("  group_by=").append(root.groupBy())
        .append(" group_wait=").append(Durations.format(root.groupWait()))
        .append(" group_interval=").append(Durations.format(root.groupInterval()))
        .append(" repeat_interval=").append(Durations.format(root.repeatInterval())).append('\n');
    children(root, "", out);
    return out.toString();
  }

  private static void children(RouteConfig parent, String indent, StringBuilder out) {
    List<RouteConfig> routes = parent.routes();
    for (int i = 0; i < routes.size(); i++) {
      RouteConfig route = routes.get(i);
      boolean last = i == routes.size() - 1;
      out.append(indent).append(last ? "└─ " : "├─ ").append('{')
          .append(String.join(", ", route.matchers().stream().map(Matcher::toString).toList()))
          .append("} → ").append(route.receiver());
      StringBuilder details = new StringBuilder();
      if (route.continueMatching()) {
        details.append(" continue");
      }
      if (!route.groupBy().equals(parent.groupBy())) {
        details.append(" group_by=").append(route.groupBy());
      }
      differs(details, "group_wait", route.groupWait(), parent.groupWait());
      differs(details, "group_interval", route.groupInterval(), parent.groupInterval());
      differs(details, "repeat_interval", route.repeatInterval(), parent.repeatInterval());
      if (!details.isEmpty()) {
        out.append(' ').append(details);
      }
      out.append('\n');
      children(route, indent + (last ? "   " : "│  "), out);
    }
  }

  private static void differs(StringBuilder out, String name, Duration value, Duration inherited) {
    if (!value.equals(inherited)) {
      out.append(' ').append(name).append('=').append(Durations.format(value));
    }
  }
}

package dev.klaxon.replay;

import dev.klaxon.rules.RuleSet;
import dev.klaxon.sink.config.SinkConfig;
import java.util.Set;

/**
 * What to replay.
 *
 * @param range the event-time range, widened to whole windows
 * @param services only these services' events (empty: all)
 * @param rules the alert rules to evaluate: the live ones, or a candidate set to see what it would have fired
 * @param routing the sink routing whose notifications are simulated
 * @param keep leave the replay's topics (and the apps' internal topics and groups) for inspection
 */
public record ReplayRequest(ReplayRange range, Set<String> services, RuleSet rules, SinkConfig routing, boolean keep) {

  public ReplayRequest {
    services = Set.copyOf(services);
  }

  public boolean selects(String service) {
    return services.isEmpty() || services.contains(service);
  }
}

package dev.klaxon.replay;

import dev.klaxon.rules.RuleSet;
import dev.klaxon.sink.config.SinkConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What to replay.
 *
 * @param range the event-time range, widened to whole windows
 * @param services only these services' events (empty: all)
 * @param rules the alert rules to evaluate: the live ones, or a candidate set to see what it would have fired
 * @param routing the sink routing whose notifications are simulated
 * @param keep leave the replay's topics (and the apps' internal topics and groups) for inspection
 * @param live the live deployment's event limits and spend windows, to recompute what it computed
 */
public record ReplayRequest(ReplayRange range, Set<String> services, RuleSet rules, SinkConfig routing, boolean keep,
    LiveSettings live) {

  public ReplayRequest {
    services = Set.copyOf(services);
  }

  /** A replay of a deployment with the shipped event limits and spend windows. */
  public ReplayRequest(ReplayRange range, Set<String> services, RuleSet rules, SinkConfig routing, boolean keep) {
    this(range, services, rules, routing, keep, LiveSettings.defaults());
  }

  /**
   * Event time by which every window of the range has closed, live: the range's end plus the longer of the
   * processor's and the cost aggregator's grace. The copy reads to here, the end markers stand here.
   */
  public Instant closesAt() {
    Duration grace = range.grace().compareTo(live.spendGrace()) >= 0 ? range.grace() : live.spendGrace();
    return range.end().plus(grace);
  }

  public boolean selects(String service) {
    return services.isEmpty() || services.contains(service);
  }
}

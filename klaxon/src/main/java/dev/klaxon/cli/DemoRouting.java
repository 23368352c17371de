package dev.klaxon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.sink.config.SinkConfig;
import java.net.URI;
import java.util.Map;

/**
 * The demo's routing: the shipped one ({@link SinkConfig#defaults()}, critical → PagerDuty + Slack,
 * warning → Slack, the same tree, matchers, grouping and inhibition), with its timing compressed so a
 * few minutes of demo show the whole life of an incident, and PagerDuty's Events API pointed at the
 * local stand-in. The webhook URLs and the routing key are not in the file: as in production they
 * come from the environment lookups ({@link #environment}), here a map pointing at the stand-in.
 *
 * <p>Changes, each applied to the shipped tree (a shipped tree without the critical route is an
 * error, not a silently different demo):
 * <ul>
 *   <li>the critical route's {@code group_wait} 10s → {@value #CRITICAL_GROUP_WAIT}: the page shows
 *       within seconds of the alert; with the shipped 10 s it shows 10 s later;</li>
 *   <li>{@code group_interval} 5m → {@value #GROUP_INTERVAL} on the root (inherited by every route):
 *       an escalation or a resolution reaches a group already notified at its next group_interval
 *       (Alertmanager's timing), so with 5 minutes the resolution would show 5 minutes late;</li>
 *   <li>every {@code pagerduty_configs} entry gets {@code url:} the stand-in (it is not a secret).</li>
 * </ul>
 * Warnings keep the shipped 30 s {@code group_wait} on Slack: the demo shows that wait as it is.
 */
final class DemoRouting {

  static final String CRITICAL_GROUP_WAIT = "1s";
  static final String GROUP_INTERVAL = "30s";

  static final String SLACK_URL_ENV = "KLAXON_SLACK_WEBHOOK_URL";
  static final String SLACK_DIGEST_URL_ENV = "KLAXON_SLACK_DIGEST_WEBHOOK_URL";
  static final String DISCORD_URL_ENV = "KLAXON_DISCORD_WEBHOOK_URL";
  static final String PAGERDUTY_KEY_ENV = "KLAXON_PAGERDUTY_ROUTING_KEY";

  private DemoRouting() {}

  /** The routing as YAML, for the sink ({@link SinkConfig#parse}) and for the curious reader. */
  static String yaml(URI standIn) {
    ObjectNode tree = YamlConfig.parse(SinkConfig.defaultYaml(), SinkConfig.DEFAULT_RESOURCE);
    ObjectNode root = (ObjectNode) tree.required("route");
    root.put("group_interval", GROUP_INTERVAL);
    criticalRoute(root).put("group_wait", CRITICAL_GROUP_WAIT);
    int pagerDuty = 0;
    for (JsonNode receiver : tree.required("receivers")) {
      for (JsonNode entry : receiver.path("pagerduty_configs")) {
        ((ObjectNode) entry).put("url", standIn.resolve(OnCallStandIn.PAGERDUTY_PATH).toString());
        pagerDuty++;
      }
    }
    if (pagerDuty == 0) {
      throw new IllegalStateException("the shipped routing has no pagerduty_configs entry any more: update DemoRouting");
    }
    try {
      return new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static SinkConfig config(URI standIn) {
    return SinkConfig.parse(yaml(standIn));
  }

  /**
   * What the shipped routing's {@code *_env} lookups find in the demo: Slack webhooks and a PagerDuty
   * routing key that all lead to the stand-in. Nothing real, nothing secret.
   */
  static Map<String, String> environment(URI standIn) {
    return Map.of(
        SLACK_URL_ENV, standIn.resolve(OnCallStandIn.SLACK_PATH + "alerts").toString(),
        SLACK_DIGEST_URL_ENV, standIn.resolve(OnCallStandIn.SLACK_PATH + "digest").toString(),
        DISCORD_URL_ENV, standIn.resolve("/discord").toString(),
        PAGERDUTY_KEY_ENV, "demo-routing-key");
  }

  private static ObjectNode criticalRoute(ObjectNode root) {
    for (JsonNode route : root.path("routes")) {
      boolean critical = false;
      for (JsonNode matcher : route.path("matchers")) {
        critical |= matcher.asText().equals("severity=\"critical\"");
      }
      if (critical && "pagerduty".equals(route.path("receiver").asText())) {
        return (ObjectNode) route;
      }
    }
    throw new IllegalStateException("the shipped routing has no critical → pagerduty route any more: update DemoRouting");
  }
}

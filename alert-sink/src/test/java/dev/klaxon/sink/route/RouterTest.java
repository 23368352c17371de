package dev.klaxon.sink.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.config.RouteConfig;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.testing.Alerts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final Router DEFAULTS = new Router(SinkConfig.defaults().route());

  @Test
  void defaultRoutingFollowsTheSeeds() {
    assertThat(DEFAULTS.receivers(Map.of("severity", "critical", "service", "api"))).containsExactly("pagerduty", "slack");
    assertThat(DEFAULTS.receivers(Map.of("severity", "warning"))).containsExactly("slack");
    assertThat(DEFAULTS.receivers(Map.of("severity", "info"))).containsExactly("daily-digest");
    assertThat(DEFAULTS.receivers(Map.of("team", "x"))).as("no severity: the root's receiver").containsExactly("slack");
  }

  @Test
  void deepestMatchWinsAndContinueKeepsLookingAmongSiblings() {
    Router router = new Router(SinkConfig.parse("""
        route:
          receiver: fallback
          routes:
            - matchers: ['team="pay"']
              receiver: pay
              continue: true
              routes:
                - matchers: ['severity="critical"']
                  receiver: pay-pager
            - matchers: ['service=~"pay-.*"', 'env!="dev"']
              receiver: pay-services
            - matchers: ['service=~"pay-.*"']
              receiver: never-with-prod
        receivers: [{name: fallback}, {name: pay}, {name: pay-pager}, {name: pay-services}, {name: never-with-prod}]
        """).route());

    assertThat(router.receivers(Map.of("team", "pay", "severity", "critical", "service", "pay-api")))
        .containsExactly("pay-pager", "pay-services");
    assertThat(router.receivers(Map.of("team", "pay", "severity", "warning"))).containsExactly("pay");
    assertThat(router.receivers(Map.of("service", "pay-api", "env", "dev"))).containsExactly("never-with-prod");
    assertThat(router.receivers(Map.of("service", "search"))).containsExactly("fallback");
  }

  @Test
  void routingSeesAlertnameAndSeverityAsLabels() {
    var alert = Alerts.firing("fp1", "HighP95Latency", Severity.critical, Instant.EPOCH, "service", "checkout");
    var labels = AlertLabels.of(alert);
    assertThat(labels).containsEntry("alertname", "HighP95Latency").containsEntry("severity", "critical")
        .containsEntry("service", "checkout");
    assertThat(DEFAULTS.receivers(labels)).containsExactly("pagerduty", "slack");
  }

  @Test
  void groupKeysNameRouteAndGroupLabelsAndSplitBack() {
    RouteConfig critical = DEFAULTS.match(Map.of("severity", "critical")).get(0);
    String key = GroupKeys.of(critical, critical.groupBy().groupLabels(
        Map.of("alertname", "HighP95Latency", "service", "a:b\"c", "route", "/x")));
    assertThat(key).isEqualTo("{}/{severity=\"critical\"}:{alertname=\"HighP95Latency\", service=\"a:b\\\"c\"}");
    assertThat(GroupKeys.routeKeyOf(key)).isEqualTo(critical.key());
    assertThat(DEFAULTS.byKey(critical.key())).contains(critical);
  }
}

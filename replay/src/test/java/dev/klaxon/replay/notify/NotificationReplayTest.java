package dev.klaxon.replay.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.replay.AlertTransition;
import dev.klaxon.replay.ReplayFixtures;
import dev.klaxon.replay.ReplayResult;
import dev.klaxon.sink.config.SinkConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped routing over a known alert timeline (minutes after T0): HighP95Latency warning at 6,
 * critical at 7, resolved at 11; ErrorLogs critical at 7, resolved at 10.
 */
class NotificationReplayTest {

  private final ReplayResult fixture = ReplayFixtures.result();

  @Test
  void theShippedRoutingsTimingGroupingAndDedupDecideWhatWouldHaveGoneOut() {
    List<String> sent = describe(NotificationReplay.simulate(SinkConfig.defaults(), fixture.transitions(),
        fixture.request().range().end()));

    assertThat(sent).containsExactlyInAnyOrder(
        // Slack's group_wait is 30 s; the escalation at 7 waits for the group's next interval (11:30), by which
        // time the alert has resolved: Slack never hears of the critical, as live.
        "14:06:30 slack slack[0] firing HighP95Latency/warning",
        // An escalation of an alert firing since 6, longer than PagerDuty's group_wait (10 s): paged at once.
        "14:07:00 pagerduty pagerduty[0] firing HighP95Latency/critical",
        // A new alert waits the group_wait.
        "14:07:10 pagerduty pagerduty[0] firing ErrorLogs/critical",
        "14:07:30 slack slack[0] firing ErrorLogs/critical",
        "14:11:30 slack slack[0] resolved HighP95Latency/critical",
        "14:12:00 pagerduty pagerduty[0] resolved HighP95Latency/critical",
        "14:12:10 pagerduty pagerduty[0] resolved ErrorLogs/critical",
        "14:12:30 slack slack[0] resolved ErrorLogs/critical");
  }

  @Test
  void theSameTransitionsGiveTheSameNotificationsInTheSameOrder() {
    var once = NotificationReplay.simulate(SinkConfig.defaults(), fixture.transitions(), fixture.request().range().end());
    var again = NotificationReplay.simulate(SinkConfig.defaults(), fixture.transitions(), fixture.request().range().end());
    assertThat(again).isEqualTo(once);
  }

  @Test
  void transitionsAfterTheRangeAreLeftOutWhileItsGroupsStillFlush() {
    List<AlertTransition> transitions = fixture.transitions();
    List<String> sent = describe(NotificationReplay.simulate(SinkConfig.defaults(), transitions,
        ReplayFixtures.T0.plusSeconds(7 * 60 + 20)));
    // The range ends at 7:20; Slack's ErrorLogs group is due at 7:30, within one group_interval (the tree's
    // longest, 24h for the digest) after it. The resolutions at 10 and 11 are outside the range.
    assertThat(sent).containsExactlyInAnyOrder("14:06:30 slack slack[0] firing HighP95Latency/warning",
        "14:07:00 pagerduty pagerduty[0] firing HighP95Latency/critical",
        "14:07:10 pagerduty pagerduty[0] firing ErrorLogs/critical",
        "14:07:30 slack slack[0] firing ErrorLogs/critical");
  }

  @Test
  void aFiringCriticalMutesTheWarningOfTheSameRuleAndServiceAsTheInhibitRuleSays() {
    String routing = """
        route:
          receiver: chat
          group_by: [alertname, service, severity]
          group_wait: 0s
          group_interval: 1m
          repeat_interval: 1h
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [service]
        receivers:
          - name: chat
            webhook_configs: [{url_env: CHAT_URL}]
        """;
    // ErrorLogs critical fires at 7; a HighP95Latency warning of the same service from 7:30 is muted by it.
    List<AlertTransition> transitions = List.of(fixture.transitions().get(3),
        new AlertTransition(ReplayFixtures.T0.plusSeconds(7 * 60 + 30).toEpochMilli(),
            fixture.transitions().get(0).alert()));
    List<String> sent = describe(NotificationReplay.simulate(SinkConfig.parse(routing), transitions,
        fixture.request().range().end()));
    assertThat(sent).containsExactly("14:07:00 chat webhook[0] firing ErrorLogs/critical");
  }

  private static List<String> describe(List<WouldNotify> notifications) {
    return notifications.stream().map(n -> Instant.ofEpochMilli(n.at()).toString().substring(11, 19) + " "
        + n.receiver() + " " + n.integration() + " " + n.status() + " "
        + String.join(",", n.alerts().stream().map(a -> a.rule() + "/" + a.severity()).toList())).toList();
  }
}

package dev.klaxon.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.sink.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  private static final String RECEIVERS = """
      receivers:
        - name: slack
          slack_configs: [{webhook_url_env: SLACK}]
        - name: pager
          pagerduty_configs: [{routing_key_env: PD}]
      """;

  private static List<String> problems(String yaml) {
    try {
      SinkConfig.parse(yaml);
    } catch (InvalidConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the config to be refused:\n" + yaml);
  }

  @Test
  void parsesTreeAndInheritsTimingReceiverAndGroupByDownTheTree() {
    SinkConfig config = SinkConfig.parse("""
        route:
          receiver: slack
          group_by: [alertname, service]
          group_wait: 10s
          group_interval: 2m
          repeat_interval: 3h
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
              repeat_interval: 1h
              continue: true
              routes:
                - matchers: ['service=~"pay.*"']
                  group_by: ['...']
        """ + RECEIVERS);

    RouteConfig root = config.route();
    assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(10));
    RouteConfig critical = root.routes().get(0);
    assertThat(critical.receiver()).isEqualTo("pager");
    assertThat(critical.continueMatching()).isTrue();
    assertThat(critical.groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(critical.groupInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(critical.repeatInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(critical.groupBy().labels()).containsExactly("alertname", "service");
    assertThat(critical.matchers()).containsExactly(Matcher.equal("severity", "critical"));
    assertThat(critical.key()).isEqualTo("{}/{severity=\"critical\"}");

    RouteConfig pay = critical.routes().get(0);
    assertThat(pay.receiver()).isEqualTo("pager");
    assertThat(pay.repeatInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(pay.groupBy().allLabels()).isTrue();
    assertThat(pay.continueMatching()).as("continue is not inherited").isFalse();
    assertThat(pay.path()).isEqualTo("route.routes[0].routes[0]");
    assertThat(config.receiver("pager").orElseThrow().configs().get("pagerduty").get(0).get("routing_key_env").asText())
        .isEqualTo("PD");
    assertThat(config.warnings()).isEmpty();
  }

  @Test
  void alertmanagerDefaultsApplyWhenTimingIsNotGiven() {
    SinkConfig config = SinkConfig.parse("route: {receiver: slack}\n" + RECEIVERS.replace("- name: pager\n"
        + "    pagerduty_configs: [{routing_key_env: PD}]\n", ""));
    assertThat(config.route().groupWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.route().groupInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.route().repeatInterval()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void unknownKeysAreErrorsNamingTheirPathWithAHint() {
    List<String> problems = problems("""
        route:
          receiver: slack
          routes:
            - matchers: ['severity="warning"']
            - matcher: ['severity="critical"']
              recevier: pager
        global: {}
        """ + RECEIVERS);
    assertThat(problems).contains(
        "route.routes[1].matcher: unknown key (did you mean matchers?)",
        "route.routes[1].recevier: unknown key (did you mean receiver?)",
        "global: unknown key");
  }

  @Test
  void structuralAndSemanticProblemsAreReportedTogether() {
    assertThat(problems("""
        route:
          receiver: nobody
          routes:
            - matcher: ['a="b"']
              repeat_interval: 1m
        receivers: [{name: slack}]
        """)).containsExactlyInAnyOrder(
        "route.routes[0].matcher: unknown key (did you mean matchers?)",
        "route.receiver: receiver 'nobody' is not defined in receivers",
        "route.routes[0].receiver: receiver 'nobody' is not defined in receivers",
        "route.routes[0].repeat_interval: repeat_interval 1m is shorter than group_interval 5m: repeats happen at "
            + "group_interval ticks, so it could never be honoured");
  }

  @Test
  void alertmanagersOldMatchFormsPointToMatchers() {
    assertThat(problems("""
        route:
          receiver: slack
          routes: [{match: {severity: critical}, receiver: pager}]
        inhibit_rules: [{source_match: {severity: critical}, target_matchers: ['severity="warning"'], equal: [service]}]
        """ + RECEIVERS)).contains(
        "route.routes[0].match: unknown key (did you mean matchers?)",
        "inhibit_rules[0].source_match: unknown key (did you mean source_matchers?)");
  }

  @Test
  void unknownIntegrationTypeIsAnError() {
    assertThat(problems("""
        route: {receiver: ops}
        receivers:
          - name: ops
            email_configs: [{to: ops@example.com}]
        """)).singleElement().asString()
        .startsWith("receivers[0].email_configs: unknown key (did you mean one of discord_configs, log_configs, pagerduty_configs");
  }

  @Test
  void repeatIntervalShorterThanGroupIntervalIsRefused() {
    assertThat(problems("""
        route:
          receiver: slack
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
              group_interval: 10m
              repeat_interval: 5m
        """ + RECEIVERS)).containsExactly("route.routes[0].repeat_interval: repeat_interval 5m is shorter than "
        + "group_interval 10m: repeats happen at group_interval ticks, so it could never be honoured");
  }

  @Test
  void undefinedReceiversAreRefusedAndUnusedOnesWarned() {
    assertThat(problems("""
        route:
          receiver: slack
          routes: [{matchers: ['severity="critical"'], receiver: pagr}]
        """ + RECEIVERS)).containsExactly(
        "route.routes[0].receiver: receiver 'pagr' is not defined in receivers (did you mean pager?)");

    SinkConfig config = SinkConfig.parse("route: {receiver: slack}\n" + RECEIVERS);
    assertThat(config.warnings()).containsExactly("receivers[1]: receiver 'pager' is never routed to");
  }

  @Test
  void routesThatCanNeverMatchAreRefused() {
    List<String> problems = problems("""
        route:
          receiver: slack
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
              routes:
                - matchers: ['severity="warning"']
            - matchers: ['team="a"', 'team!="a"']
            - matchers: ['env=~"prod|staging"', 'env="dev"']
            - receiver: slack
            - matchers: ['severity="info"']
        """ + RECEIVERS);
    assertThat(problems).containsExactlyInAnyOrder(
        "route.routes[0].routes[0].matchers: this route can never match: severity=\"critical\" and "
            + "severity=\"warning\" exclude each other",
        "route.routes[1].matchers: this route can never match: team=\"a\" and team!=\"a\" exclude each other",
        "route.routes[2].matchers: this route can never match: env=\"dev\" and env=~\"prod|staging\" exclude each other",
        "route.routes[4]: this route can never match: route.routes[3] matches every alert first and has no "
            + "continue: true");
  }

  @Test
  void aSiblingWithFewerMatchersShadowsALaterOneUnlessItContinues() {
    String shadowing = """
        route:
          receiver: slack
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
              continue: %s
            - matchers: ['severity="critical"', 'service="pay"']
              receiver: slack
        """;
    assertThat(problems(shadowing.formatted("false") + RECEIVERS)).containsExactly(
        "route.routes[1]: this route can never match: route.routes[0] takes every alert it would match first and "
            + "has no continue: true");
    assertThat(SinkConfig.parse(shadowing.formatted("true") + RECEIVERS).route().routes()).hasSize(2);
  }

  @Test
  void inhibitRulesWhoseEqualLabelsTheMatchersMakeImpossibleAreRefused() {
    List<String> problems = problems("""
        route: {receiver: slack, routes: [{matchers: ['severity="critical"'], receiver: pager}]}
        inhibit_rules:
          - source_matchers: ['severity="critical"', 'service="db"']
            target_matchers: ['severity="warning"', 'service="api"']
            equal: [service]
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [severity]
          - source_matchers: ['severity="critical"', 'team=""']
            target_matchers: ['severity="warning"']
            equal: [team]
        """ + RECEIVERS);
    assertThat(problems).containsExactly(
        "inhibit_rules[0].equal[0]: 'service' must be equal, but the source matchers require \"db\" and the target "
            + "matchers \"api\": this rule can never mute anything",
        "inhibit_rules[1].equal[0]: 'severity' must be equal, but the source matchers require \"critical\" and the "
            + "target matchers \"warning\": this rule can never mute anything",
        "inhibit_rules[2].equal[0]: 'team' must be equal, but the matchers require it to be absent, and an absent "
            + "label is never equal: this rule can never mute anything");
  }

  @Test
  void inhibitRuleWithoutEqualIsAWarning() {
    SinkConfig config = SinkConfig.parse("""
        route: {receiver: slack, routes: [{matchers: ['severity="critical"'], receiver: pager}]}
        inhibit_rules: [{source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"']}]
        """ + RECEIVERS);
    assertThat(config.inhibitRules()).hasSize(1);
    assertThat(config.warnings()).singleElement().asString().startsWith("inhibit_rules[0].equal: empty");
  }

  @Test
  void badValuesNameTheirPathAndAllProblemsAreReportedAtOnce() {
    assertThat(problems("""
        route:
          receiver: slack
          group_wait: soon
          group_by: alertname
          routes:
            - matchers: ['severity=="critical"']
            - matchers: ['service=~"("']
              continue: yes please
        """ + RECEIVERS)).containsExactlyInAnyOrder(
        "route.group_wait: 'soon' is not a duration: write e.g. 500ms, 10s, 2m, 1h30m, 1d",
        "route.group_by: expected a list, found a string",
        "route.routes[0].matchers[0]: not a matcher: 'severity==\"critical\"' (expected e.g. severity=\"critical\")",
        "route.routes[1].matchers[0]: invalid regex in 'service=~\"(\"': Unclosed group",
        "route.routes[1].continue: expected true or false, found a string");
  }

  @Test
  void missingRouteOrRootReceiverIsRefused() {
    assertThat(problems(RECEIVERS)).contains("route: missing: every config needs a root route with a receiver");
    assertThat(problems("route: {group_wait: 1s}\n" + RECEIVERS))
        .contains("route.receiver: missing: the root route needs a receiver for alerts no child route takes");
    assertThat(problems("route: {receiver: slack, matchers: ['a=\"b\"']}\n" + RECEIVERS))
        .contains("route.matchers: the root route matches every alert; put matchers on child routes");
  }

  @Test
  void notYamlIsOneProblem() {
    assertThatThrownBy(() -> SinkConfig.parse("route: [unclosed"))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("(file): not valid YAML");
  }

  @Test
  void shippedDefaultsFollowTheSeeds() {
    SinkConfig config = SinkConfig.defaults();
    assertThat(config.receivers()).extracting(ReceiverConfig::name)
        .containsExactly("pagerduty", "slack", "daily-digest", "discord");
    assertThat(config.warnings()).containsExactly("receivers[3]: receiver 'discord' is never routed to");
    RouteConfig digest = config.route().routes().get(2);
    assertThat(digest.receiver()).isEqualTo("daily-digest");
    assertThat(digest.groupBy()).isEqualTo(GroupBy.NONE);
    assertThat(digest.groupInterval()).isEqualTo(Duration.ofDays(1));
    assertThat(digest.repeatInterval()).isEqualTo(Duration.ofDays(1));
    assertThat(config.inhibitRules()).singleElement()
        .satisfies(rule -> assertThat(rule.equal()).containsExactly("alertname", "service"));
    assertThat(SinkConfig.defaultYaml()).doesNotContain("https://");
  }
}

package dev.klaxon.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.traffic.TrafficProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadProfileTest {

  private static final String MINIMAL = """
      duration: 1m
      requestsPerSecond: 100
      services:
        - name: checkout
          routes:
            - {route: "POST /checkout", medianMs: 50, p95Ms: 120}
      """;

  @Test
  void theShippedProfilesParseWithEveryKindOfIncident() {
    for (String name : new String[] {"full", "smoke"}) {
      LoadProfile profile = LoadProfile.shipped(name);

      assertThat(profile.incidents()).extracting(LoadProfile.Incident::kind)
          .containsExactlyInAnyOrder(IncidentKind.values());
      assertThat(profile.traffic().requestsPerSecond()).isEqualTo(profile.requestsPerSecond(),
          org.assertj.core.data.Offset.offset(1e-9));
      assertThat(ProfileRules.build(profile.rules()).rules()).isNotEmpty();
    }
    assertThat(LoadProfile.shipped("full").benchmarks().memorySeries()).containsExactly(1000, 10000, 100000);
    assertThat(LoadProfile.shipped("smoke").benchmarks()).isNull();
  }

  @Test
  void leftOutKeysTakeTheirDefaults() {
    LoadProfile profile = LoadProfile.parse(MINIMAL, "test");

    assertThat(profile.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(profile.grace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(profile.settle()).isZero();
    assertThat(profile.incidents()).isEmpty();
    TrafficProfile traffic = profile.traffic();
    assertThat(traffic.services().get(0).routes().get(0).latency().p95Ms()).isCloseTo(120, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(traffic.costs()).isEmpty();
  }

  @Test
  void unknownKeysAreRefusedNamingTheirPath() {
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + "rate: 5\n", "p.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("p.yaml: unknown config key 'rate'");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL.replace("medianMs: 50", "median: 50"), "p.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'services[0].routes[0].median'");
  }

  @Test
  void missingAndBadValuesNameTheirField() {
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL.replace("duration: 1m\n", ""), "p.yaml"))
        .hasMessage("p.yaml: duration is required");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL.replace("duration: 1m", "duration: soon"), "p.yaml"))
        .hasMessageContaining("'duration'").hasMessageContaining("soon");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + "serverErrorShare: 2\n", "p.yaml"))
        .hasMessage("p.yaml: serverErrorShare must be between 0 and 1, got 2.0");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL.replace("p95Ms: 120", "p95Ms: 10"), "p.yaml"))
        .hasMessageContaining("routes[POST /checkout]: medianMs must be > 0 and p95Ms >= medianMs");
  }

  @Test
  void anIncidentNamesTheFieldItLacksOrDoesNotTake() {
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + """
        incidents:
          - {name: burst, kind: errorBurst, service: checkout, at: 10s, duration: 20s}
        """, "p.yaml")).hasMessage("p.yaml: incidents[0].serverErrorShare is required for a errorBurst");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + """
        incidents:
          - {name: quiet, kind: silence, service: checkout, route: "POST /checkout", at: 10s, duration: 20s}
        """, "p.yaml")).hasMessage("p.yaml: incidents[0].route does not apply to a silence (it takes service, duration)");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + """
        incidents:
          - {name: slow, kind: latencySpike, service: checkout, route: "GET /nowhere", at: 0s, duration: 20s,
             medianMs: 2000, p95Ms: 2500}
        """, "p.yaml")).hasMessage("p.yaml: incidents[0].route: service 'checkout' has no route 'GET /nowhere'");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + """
        incidents:
          - {name: spend, kind: costRunaway, user: u, at: 0s, share: 0.5, tokenFactor: 10}
        """, "p.yaml")).hasMessage("p.yaml: incidents[0]: a costRunaway needs a costs section");
    assertThatThrownBy(() -> LoadProfile.parse(MINIMAL + """
        incidents:
          - {name: odd, kind: meltdown, service: checkout, at: 0s, duration: 1s}
        """, "p.yaml")).hasMessageContaining("'incidents[0].kind'");
  }

  @Test
  void ruleOverridesAreLaidOverTheShippedRuleAndBudgetsAdded() {
    RuleSet rules = ProfileRules.build(new LoadProfile.Rules(
        java.util.Map.of("ServiceSilent", java.util.Map.of("warning", "15s")),
        java.util.Map.of("default", java.util.Map.of("dailyUsd", 10))));

    Rule silent = rules.require("ServiceSilent");
    assertThat(silent.breaches(Duration.ofSeconds(16))).isPresent();
    assertThat(silent.breaches(Duration.ofSeconds(14))).isEmpty();
    assertThat(rules.budgets()).isNotEqualTo(dev.klaxon.rules.Budgets.NONE);
    assertThat(rules.rules()).hasSameSizeAs(RuleSet.defaults().rules());

    assertThatThrownBy(() -> ProfileRules.build(new LoadProfile.Rules(
        java.util.Map.of("NoSuchRule", java.util.Map.of("warning", 1)), null)))
        .hasMessage("rules.overrides.NoSuchRule: no shipped rule of that name");
  }
}

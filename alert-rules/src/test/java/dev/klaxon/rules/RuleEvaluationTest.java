package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluationTest {

  private static final Rule P95 = rule("""
      {name: P95, metric: requests.p95, warning: 1000, critical: 2000, resolveBelow: 800, minCount: 20, summary: s}
      """);
  private static final Rule COLLAPSE = rule("""
      {name: Collapse, metric: requests.count, comparison: "<", warning: 50, critical: 10, resolveAbove: 80, summary: s}
      """);

  @Test
  void aValueBreachesTheMostSevereThresholdItCrossesStrictly() {
    assertThat(P95.breaches(999, 100)).isEmpty();
    assertThat(P95.breaches(1000, 100)).as("at the threshold is not past it").isEmpty();
    assertThat(P95.breaches(1001, 100)).hasValue(Severity.warning);
    assertThat(P95.breaches(2300, 100)).hasValue(Severity.critical);
  }

  @Test
  void windowsWithFewerThanMinCountSamplesNeverFireAndNeverResolve() {
    assertThat(P95.breaches(9000, 19)).isEmpty();
    assertThat(P95.breaches(9000, 20)).hasValue(Severity.critical);
    assertThat(P95.holds(Severity.critical, 10, 3)).as("a thin window is no evidence of recovery").hasValue(Severity.critical);
  }

  @Test
  void lessThanRulesFireBelowTheirThresholdsAndResolveAboveResolveAbove() {
    assertThat(COLLAPSE.breaches(60, 0)).isEmpty();
    assertThat(COLLAPSE.breaches(40, 0)).hasValue(Severity.warning);
    assertThat(COLLAPSE.breaches(5, 0)).hasValue(Severity.critical);
    assertThat(COLLAPSE.holds(Severity.warning, 70, 0)).as("between warning and resolveAbove").hasValue(Severity.warning);
    assertThat(COLLAPSE.holds(Severity.warning, 81, 0)).isEmpty();
  }

  @Test
  void aFiringAlertResolvesOnlyBelowResolveBelowSoAValueHoveringAtTheThresholdFiresOnce() {
    int transitions = 0;
    Severity firing = null;
    for (double value : new double[] {1100, 950, 1050, 900, 1020, 850, 790}) {
      Severity next = firing == null ? P95.breaches(value, 100).orElse(null) : P95.holds(firing, value, 100).orElse(null);
      if (next != firing) {
        transitions++;
      }
      firing = next;
    }
    assertThat(transitions).as("fires at 1100, resolves at 790, nothing in between").isEqualTo(2);
    assertThat(firing).isNull();
  }

  @Test
  void criticalDeEscalatesOnlyOnceAsFarBelowCriticalAsResolveBelowIsBelowWarning() {
    assertThat(P95.holds(Severity.warning, 2100, 100)).as("escalates").hasValue(Severity.critical);
    assertThat(P95.holds(Severity.critical, 1900, 100)).as("above 2000 - (1000 - 800)").hasValue(Severity.critical);
    assertThat(P95.holds(Severity.critical, 1700, 100)).as("de-escalates").hasValue(Severity.warning);
    assertThat(P95.holds(Severity.critical, 900, 100)).as("still above resolveBelow").hasValue(Severity.warning);
    assertThat(P95.holds(Severity.critical, 700, 100)).isEmpty();
  }

  @Test
  void withoutResolveBelowAnAlertResolvesAsSoonAsItNoLongerBreaches() {
    Rule plain = rule("{name: Plain, metric: requests.errors5xx, warning: 10, critical: 50, summary: s}");

    assertThat(plain.holds(Severity.critical, 49, 0)).hasValue(Severity.warning);
    assertThat(plain.holds(Severity.warning, 10, 0)).isEmpty();
  }

  @Test
  void aCriticalOnlyRuleHoldsCriticalUntilResolveBelow() {
    Rule critical = rule("{name: C, metric: requests.p99, critical: 5000, resolveBelow: 4000, summary: s}");

    assertThat(critical.holds(Severity.critical, 4500, 0)).hasValue(Severity.critical);
    assertThat(critical.holds(Severity.critical, 3999, 0)).isEmpty();
  }

  @Test
  void absentRulesCompareTheSilenceWithTheirDurations() {
    Rule silent = rule("{name: S, metric: absent, warning: 5m, critical: 15m, summary: s}");

    assertThat(silent.breaches(Duration.ofMinutes(4))).isEmpty();
    assertThat(silent.breaches(Duration.ofMinutes(6))).hasValue(Severity.warning);
    assertThat(silent.holds(Severity.critical, Duration.ofMinutes(10))).hasValue(Severity.warning);
    assertThat(silent.holds(Severity.warning, Duration.ZERO)).isEmpty();
  }

  @Test
  void forCountsWholeClosedWindowsAndAtLeastOne() {
    Rule sustained = rule("{name: E, metric: requests.errorRate, warning: 0.01, critical: 0.05, for: {warning: 2m}, summary: s}");

    assertThat(sustained.windowsToFire(Severity.warning, Duration.ofMinutes(1))).isEqualTo(2);
    assertThat(sustained.windowsToFire(Severity.warning, Duration.ofSeconds(50))).isEqualTo(3);
    assertThat(sustained.windowsToFire(Severity.critical, Duration.ofMinutes(1))).isEqualTo(1);
  }

  @Test
  void aRuleSelectsTheServiceWideOrThePerRouteSeriesAsItsByAsks() {
    Rule byService = rule("{name: A, metric: requests.p95, where: {environment: [production, eu]}, critical: 1, summary: s}");
    Rule byRoute = rule("{name: B, metric: requests.p95, by: [service, route], critical: 1, summary: s}");
    Rule logs = rule("{name: L, metric: logs.count, levels: [error, fatal], critical: 1, summary: s}");

    assertThat(byService.selects(Map.of("service", "x", "route", "*", "environment", "eu"))).isTrue();
    assertThat(byService.selects(Map.of("service", "x", "route", "/a", "environment", "eu"))).isFalse();
    assertThat(byService.selects(Map.of("service", "x", "route", "*", "environment", "staging"))).isFalse();
    assertThat(byService.selects(Map.of("service", "x", "route", "*"))).as("a filtered label must be there").isFalse();
    assertThat(byRoute.selects(Map.of("service", "x", "route", "/a"))).isTrue();
    assertThat(byRoute.selects(Map.of("service", "x", "route", "*"))).isFalse();
    assertThat(logs.selects(Map.of("service", "x", "level", "fatal"))).isTrue();
    assertThat(logs.selects(Map.of("service", "x", "level", "warn"))).isFalse();
  }

  @Test
  void theFingerprintIsStableAndDependsOnlyOnTheRuleAndItsByLabelsInAnyOrder() {
    Rule byRoute = rule("{name: B, metric: requests.p95, by: [service, route], critical: 1, summary: s}");
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("service", "checkout");
    ordered.put("route", "/pay");
    Map<String, String> reversed = new LinkedHashMap<>();
    reversed.put("route", "/pay");
    reversed.put("environment", "production");
    reversed.put("service", "checkout");

    String fingerprint = byRoute.fingerprint(ordered);
    assertThat(fingerprint).as("pinned: it keys klaxon.alerts across releases").isEqualTo(byRoute.fingerprint(reversed))
        .matches("[0-9a-f]{16}").isEqualTo(dev.klaxon.rules.internal.Fingerprints.of("B",
            Map.of("service", "checkout", "route", "/pay")));
    assertThat(byRoute.fingerprint(Map.of("service", "checkout", "route", "/cart"))).isNotEqualTo(fingerprint);
    assertThat(rule("{name: C, metric: requests.p95, by: [service, route], critical: 1, summary: s}")
        .fingerprint(ordered)).as("another rule, another alert").isNotEqualTo(fingerprint);
  }

  @Test
  void fingerprintsDoNotChangeAcrossReleases() {
    assertThat(dev.klaxon.rules.internal.Fingerprints.of("HighP95Latency", Map.of("service", "checkout")))
        .isEqualTo(FINGERPRINT_OF_HIGH_P95_LATENCY_CHECKOUT);
  }

  /** SHA-256 of "HighP95Latency\0service\1checkout", first 8 bytes (checked with Python); a change re-keys every open alert. */
  private static final String FINGERPRINT_OF_HIGH_P95_LATENCY_CHECKOUT = "554f619484d64e8d";

  static Rule rule(String yaml) {
    return RuleSet.parse("rules:\n  - " + yaml.strip() + "\n", "test").rules().get(0);
  }
}

package dev.klaxon.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.RequestEvent;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentInjectorTest {

  private static final LoadProfile PROFILE = LoadProfile.parse("""
      duration: 100s
      requestsPerSecond: 10
      services:
        - name: a
          routes:
            - {route: "GET /x", medianMs: 10, p95Ms: 20}
            - {route: "GET /y", medianMs: 10, p95Ms: 20}
        - name: b
          routes:
            - {route: "GET /z", medianMs: 10, p95Ms: 20}
      costs:
        service: b
        route: "GET /z"
        medianTokens: 100
        p95Tokens: 200
        providers: [{name: openai, share: 1, usdPerMillionTokens: 1}]
      incidents:
        - {name: spike, kind: latencySpike, service: a, route: "GET /x", at: 10s, duration: 10s, medianMs: 2000, p95Ms: 2000}
        - {name: burst, kind: errorBurst, service: a, at: 30s, duration: 10s, serverErrorShare: 1}
        - {name: quiet, kind: silence, service: b, at: 50s}
        - {name: drift, kind: drift, service: a, route: "GET /y", at: 0s, duration: 100s, p95Ms: 60}
        - {name: runaway, kind: costRunaway, user: script, at: 5s, share: 0.5, tokenFactor: 10}
      """, "test");
  private static final long START = 1_000_000;

  @Test
  void aSpikeRedrawsOnlyItsRoutesDurationsWhileItLasts() {
    IncidentInjector injector = new IncidentInjector(PROFILE, START, 1);

    RequestEvent before = request("a", "GET /x", START + 9_999, 10);
    RequestEvent during = request("a", "GET /x", START + 10_000, 10);
    RequestEvent otherRoute = request("a", "GET /z", START + 10_000, 10);
    injector.apply(before);
    injector.apply(during);
    injector.apply(otherRoute);

    assertThat(before.getDurationMs()).isEqualTo(10);
    assertThat(during.getDurationMs()).isEqualTo(2000); // sigma 0: p95 = median
    assertThat(otherRoute.getDurationMs()).isEqualTo(10);
    assertThat(injector.firstEventMs("spike")).hasValue(START + 10_000);
  }

  @Test
  void aBurstFailsRequestsASilenceDropsRequestsAndCostsToTheEnd() {
    IncidentInjector injector = new IncidentInjector(PROFILE, START, 1);

    RequestEvent failing = request("a", "GET /x", START + 35_000, 10);
    assertThat(injector.apply(failing)).isTrue();
    assertThat(failing.getStatus()).isEqualTo(500);

    assertThat(injector.apply(request("b", "GET /z", START + 49_999, 10))).isTrue();
    assertThat(injector.apply(request("b", "GET /z", START + 50_000, 10))).isFalse();
    assertThat(injector.apply(request("b", "GET /z", START + 10_000_000, 10))).isFalse();
    assertThat(injector.apply(cost("b", "llm-user-1", START + 60_000))).isFalse();
    assertThat(injector.firstEventMs("quiet")).hasValue(START + 50_000);
    assertThat(injector.span("quiet")[1]).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aDriftStretchesItsRouteMoreAndMoreUpToItsTargetP95() {
    IncidentInjector injector = new IncidentInjector(PROFILE, START, 1);

    RequestEvent atStart = request("a", "GET /y", START, 10);
    RequestEvent halfway = request("a", "GET /y", START + 50_000, 10);
    RequestEvent atEnd = request("a", "GET /y", START + 99_999, 10);
    injector.apply(atStart);
    injector.apply(halfway);
    injector.apply(atEnd);

    // p95 20 ms → 60 ms: a factor growing from 1 to 3
    assertThat(atStart.getDurationMs()).isEqualTo(10);
    assertThat(halfway.getDurationMs()).isEqualTo(20);
    assertThat(atEnd.getDurationMs()).isCloseTo(30, org.assertj.core.data.Offset.offset(0.001));
  }

  @Test
  void theRunawaysFirstEventIsItsUsersFirstCostFromItsStart() {
    IncidentInjector injector = new IncidentInjector(PROFILE, START, 1);

    assertThat(injector.apply(cost("b", "script", START + 1_000))).isTrue();
    assertThat(injector.firstEventMs("runaway")).isEmpty();
    injector.apply(cost("b", "llm-user-3", START + 6_000));
    injector.apply(cost("b", "script", START + 7_000));
    assertThat(injector.firstEventMs("runaway")).hasValue(START + 7_000);
  }

  private static RequestEvent request(String service, String route, long timestamp, double durationMs) {
    return new RequestEvent(service, route, "GET", 200, durationMs, timestamp, "u", "r", "production", Map.of());
  }

  private static CostEvent cost(String service, String user, long timestamp) {
    return new CostEvent(service, user, "openai", "chat", new BigDecimal("0.000100000"), 100.0, "tokens", timestamp, "r");
  }
}

package dev.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.RequestEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CostTrafficTest {

    private static final long START = 1_700_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final Map<String, BigDecimal> DEMO_PRICES = DemoTraffic.costs().providers().stream()
            .collect(Collectors.toMap(CostProfile.Provider::name, CostProfile.Provider::usdPerMillionTokens));

    @Test
    void everySuccessfulBilledCallHasOneCostWithTheRequestsUserAndId() {
        var recorded = demoMinutes(0, 5);

        Map<String, RequestEvent> byId = recorded.requests.stream()
                .collect(Collectors.toMap(RequestEvent::getRequestId, Function.identity()));
        List<RequestEvent> billed = recorded.requests(r -> r.getService().equals(DemoTraffic.LLM_SERVICE)
                && r.getRoute().equals(DemoTraffic.LLM_ROUTE) && r.getStatus() < 300);
        assertThat(recorded.costs).hasSize(billed.size()).hasSizeGreaterThan(200);
        for (CostEvent cost : recorded.costs) {
            RequestEvent request = byId.get(cost.getRequestId());
            assertThat(request.getUserId()).isEqualTo(cost.getUserId());
            assertThat(request.getTimestamp()).isEqualTo(cost.getTimestamp());
            assertThat(request.getStatus()).isLessThan(300);
            assertThat(cost.getService()).isEqualTo(DemoTraffic.LLM_SERVICE);
            assertThat(cost.getUnitType()).isEqualTo("tokens");
        }
    }

    @Test
    void costIsTheTokensAtTheProvidersPriceExactlyToNinePlaces() {
        for (CostEvent cost : demoMinutes(0, 3).costs) {
            BigDecimal expected = DEMO_PRICES.get(cost.getProvider())
                    .multiply(BigDecimal.valueOf(cost.getUnits().longValue())).divide(BigDecimal.valueOf(1_000_000));
            assertThat(cost.getCostUsd()).isEqualByComparingTo(expected);
            assertThat(cost.getCostUsd().scale()).isEqualTo(9);
        }
    }

    @Test
    void usualUsersShareTheCallsAndProvidersGetTheirShares() {
        var costs = demoMinutes(0, 1).costs; // before the runaway starts

        assertThat(costs).extracting(CostEvent::getUserId).containsOnlyElementsOf(DemoTraffic.costs().users());
        Map<String, Long> perProvider = costs.stream()
                .collect(Collectors.groupingBy(CostEvent::getProvider, Collectors.counting()));
        assertThat(perProvider.keySet()).containsExactlyInAnyOrder("openai", "anthropic", "gemini");
    }

    @Test
    void theRunawayTakesHalfTheCallsFromMinuteOneAtTwentyTimesTheTokens() {
        var costs = demoMinutes(0, 20).costs;

        List<CostEvent> before = costs.stream().filter(c -> c.getTimestamp() < START + MINUTE).toList();
        List<CostEvent> after = costs.stream().filter(c -> c.getTimestamp() >= START + MINUTE).toList();
        List<CostEvent> runaway = after.stream().filter(c -> c.getUserId().equals(DemoTraffic.RUNAWAY_USER)).toList();
        assertThat(before).noneMatch(c -> c.getUserId().equals(DemoTraffic.RUNAWAY_USER));
        assertThat((double) runaway.size() / after.size()).isCloseTo(0.5, withinPercentage(8));
        double usualTokens = mean(after.stream().filter(c -> !c.getUserId().equals(DemoTraffic.RUNAWAY_USER)));
        assertThat(mean(runaway.stream()) / usualTokens).isCloseTo(20, withinPercentage(10));
    }

    @Test
    void theDemosRunawayPassesEightyPercentOfTwentyDollarsAboutTwoMinutesAfterItStarts() {
        var costs = demoMinutes(0, 6).costs;

        BigDecimal spent = BigDecimal.ZERO;
        long crossedAt = -1;
        for (CostEvent c : costs) {
            if (c.getUserId().equals(DemoTraffic.RUNAWAY_USER)) {
                spent = spent.add(c.getCostUsd());
                if (crossedAt < 0 && spent.compareTo(new BigDecimal("16")) > 0) {
                    crossedAt = c.getTimestamp();
                }
            }
        }
        // What DemoTraffic's comment promises, and the demo's budget alert relies on.
        assertThat(crossedAt - (START + MINUTE)).isBetween(70_000L, 190_000L);
    }

    @Test
    void aProfileWithoutCostsMakesNone() {
        var recorded = new Recorded();
        new TrafficGenerator(TrafficProfile.demo().withoutCosts(), 5, START).emitBetween(START, START + MINUTE, recorded);

        assertThat(recorded.costs).isEmpty();
        assertThat(recorded.requests).isNotEmpty();
    }

    @Test
    void aSinkWithoutCostsSaysSoWhenGivenOne() {
        EventSink requestsOnly = new EventSink() {
            @Override
            public void request(RequestEvent event) {
            }

            @Override
            public void log(dev.klaxon.schemas.LogEvent event) {
            }
        };

        assertThatThrownBy(() -> new TrafficGenerator(TrafficProfile.demo(), 5, START)
                .emitBetween(START, START + MINUTE, requestsOnly))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("no cost events");
    }

    @Test
    void badCostProfilesAreRefused() {
        CostProfile demo = DemoTraffic.costs();
        assertThatThrownBy(() -> TrafficProfile.demo().withCosts(new CostProfile("llm-gateway", "GET /nope",
                demo.operation(), demo.tokens(), demo.providers(), demo.users(), Optional.empty())))
                .hasMessageContaining("GET /nope");
        assertThatThrownBy(() -> new CostProfile("s", "r", "o", demo.tokens(),
                List.of(new CostProfile.Provider("openai", 0.5, BigDecimal.ONE)), demo.users(), Optional.empty()))
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> new CostProfile.Runaway("bot", Duration.ofMinutes(-1), 0.5, 2))
                .hasMessageContaining("after");
    }

    private static Recorded demoMinutes(int from, int to) {
        var recorded = new Recorded();
        new TrafficGenerator(TrafficProfile.demo(), 11, START)
                .emitBetween(START + from * MINUTE, START + to * MINUTE, recorded);
        return recorded;
    }

    private static double mean(java.util.stream.Stream<CostEvent> costs) {
        return costs.mapToDouble(CostEvent::getUnits).average().orElseThrow();
    }
}

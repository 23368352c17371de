package dev.klaxon.traffic;

import static dev.klaxon.traffic.Recorded.between;
import static dev.klaxon.traffic.Recorded.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final long START = 1_700_000_000_000L;
    private static final long MINUTE = 60_000L;
    private static final String SERVICE = "search-api";
    private static final String ROUTE = "GET /search";

    // Ten times the demo's rate so that even quiet routes have hundreds of samples per phase.
    private final TrafficProfile profile = TrafficProfile.demo().withRateScaledBy(10);
    private final TrafficGenerator generator = new TrafficGenerator(profile, 3, START);
    private final Recorded recorded = record(generator, START, START + 6 * MINUTE);

    // Demo incident: from minute 1 to minute 4.
    private final long begin = START + MINUTE;
    private final long end = START + 4 * MINUTE;

    @Test
    void demoIncidentIsOnSearchFromMinuteOneForThreeMinutes() {
        assertThat(generator.incidentActiveAt(begin - 1)).isFalse();
        assertThat(generator.incidentActiveAt(begin)).isTrue();
        assertThat(generator.incidentActiveAt(end - 1)).isTrue();
        assertThat(generator.incidentActiveAt(end)).isFalse();
    }

    @Test
    void incidentRouteIsSlowAndFailingDuringTheIncident() {
        var during = recorded.requests(on(SERVICE, ROUTE).and(between(begin, end)));

        assertThat(during).hasSizeGreaterThan(5_000);
        assertThat(Recorded.quantile(during, 0.95)).isGreaterThan(2_000).isLessThan(3_000);
        assertThat(Recorded.share(during, r -> r.getStatus() >= 500)).isBetween(0.07, 0.09);
        assertThat(during).filteredOn(r -> r.getStatus() >= 500)
                .allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(504));
    }

    @Test
    void incidentRouteIsNormalBeforeAndAfter() {
        var before = recorded.requests(on(SERVICE, ROUTE).and(between(START, begin)));
        var after = recorded.requests(on(SERVICE, ROUTE).and(between(end, START + 6 * MINUTE)));

        for (var phase : java.util.List.of(before, after)) {
            assertThat(phase).hasSizeGreaterThan(1_500);
            assertThat(Recorded.quantile(phase, 0.95)).isBetween(105.0, 135.0); // configured 120 ms
            assertThat(Recorded.share(phase, r -> r.getStatus() >= 500)).isLessThan(0.01);
        }
    }

    @Test
    void otherRoutesAreUnaffectedDuringTheIncident() {
        for (ServiceProfile service : profile.services()) {
            for (RouteProfile route : service.routes()) {
                if (service.name().equals(SERVICE) && route.route().equals(ROUTE)) {
                    continue;
                }
                var during = recorded.requests(on(service.name(), route.route()).and(between(begin, end)));
                assertThat(during).as(route.route()).hasSizeGreaterThan(300);
                assertThat(Recorded.quantile(during, 0.95)).as("p95 of %s during the incident", route.route())
                        .isBetween(route.latency().p95Ms() * 0.8, route.latency().p95Ms() * 1.25);
                assertThat(Recorded.share(during, r -> r.getStatus() >= 500)).isLessThan(0.02);
            }
        }
    }

    @Test
    void incidentRouteAndTimingAreConfigurable() {
        TrafficProfile moved = TrafficProfile.demo().withRateScaledBy(10)
                .withIncident(TrafficProfile.demo().incident().orElseThrow()
                        .on("checkout-api", "POST /checkout")
                        .at(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        var events = record(new TrafficGenerator(moved, 3, START), START, START + 2 * MINUTE);

        var checkoutDuring = events.requests(on("checkout-api", "POST /checkout")
                .and(between(START + 30_000, START + 90_000)));
        var checkoutAfter = events.requests(on("checkout-api", "POST /checkout").and(between(START + 90_000, START + 2 * MINUTE)));
        var searchDuring = events.requests(on(SERVICE, ROUTE).and(between(START + 30_000, START + 90_000)));

        assertThat(Recorded.quantile(checkoutDuring, 0.95)).isGreaterThan(2_000);
        assertThat(Recorded.quantile(checkoutAfter, 0.95)).isLessThan(500);
        assertThat(Recorded.quantile(searchDuring, 0.95)).isLessThan(200);
    }

    @Test
    void withoutIncidentNothingDegrades() {
        var quiet = record(new TrafficGenerator(profile.withoutIncident(), 3, START), START, START + 6 * MINUTE);

        var during = quiet.requests(on(SERVICE, ROUTE).and(between(begin, end)));
        assertThat(Recorded.quantile(during, 0.95)).isLessThan(200);
    }

    @Test
    void incidentTimingIsRelativeToTheGeneratorsStart() {
        long laterStart = START + 17 * MINUTE + 1234;
        var later = new TrafficGenerator(TrafficProfile.demo(), 3, laterStart);

        assertThat(later.incidentActiveAt(laterStart + MINUTE - 1)).isFalse();
        assertThat(later.incidentActiveAt(laterStart + MINUTE)).isTrue();
    }

    private static Recorded record(TrafficGenerator generator, long fromMs, long toMs) {
        var recorded = new Recorded();
        generator.emitBetween(fromMs, toMs, recorded);
        return recorded;
    }
}

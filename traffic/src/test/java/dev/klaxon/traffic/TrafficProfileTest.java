package dev.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrafficProfileTest {

    @Test
    void demoHasAFewServicesWithRealisticRoutesAndOneIncident() {
        TrafficProfile demo = TrafficProfile.demo();

        assertThat(demo.services()).extracting(ServiceProfile::name)
                .containsExactly("search-api", "auth-api", "checkout-api", "llm-gateway");
        assertThat(demo.services()).allSatisfy(s -> {
            assertThat(s.routes()).hasSizeBetween(2, 4);
            assertThat(s.routes()).allSatisfy(r -> assertThat(r.latency().medianMs()).isBetween(20.0, 200.0));
        });
        assertThat(demo.clientErrorShare()).isEqualTo(0.02);
        assertThat(demo.serverErrorShare()).isEqualTo(0.003);

        Incident incident = demo.incident().orElseThrow();
        assertThat(incident.after()).isEqualTo(Duration.ofMinutes(1));
        RouteProfile route = demo.services().get(0).routes().stream()
                .filter(r -> r.route().equals(incident.route())).findFirst().orElseThrow();
        assertThat(route.latency().p95Ms()).isCloseTo(120, withinPercentage(1));
        assertThat(incident.latency().p95Ms()).isCloseTo(2_500, withinPercentage(1));
        assertThat(incident.serverErrorShare()).isEqualTo(0.08);
    }

    @Test
    void benchmarkHasServicesTimesRoutesAndNoIncident() {
        TrafficProfile bench = TrafficProfile.benchmark(20, 10, 250);

        assertThat(bench.services()).hasSize(20).allSatisfy(s -> assertThat(s.routes()).hasSize(10));
        assertThat(bench.incident()).isEmpty();
        assertThat(bench.requestsPerSecond()).isEqualTo(5_000);
        assertThat(bench.services()).flatExtracting(ServiceProfile::routes)
                .allSatisfy(r -> assertThat(r.latency().medianMs()).isBetween(20.0, 200.0));
    }

    @Test
    void incidentMustBeOnAKnownRoute() {
        Incident incident = TrafficProfile.demo().incident().orElseThrow().on("search-api", "GET /nowhere");

        assertThatThrownBy(() -> TrafficProfile.demo().withIncident(incident))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /nowhere");
    }

    @Test
    void invalidValuesAreRefusedWithTheirName() {
        var route = RouteProfile.of("GET /x", 1, 10, 0.3);
        var service = ServiceProfile.of("x", 1, route);

        assertThatThrownBy(() -> ServiceProfile.of("x", -1, route)).hasMessageContaining("requestsPerSecond");
        assertThatThrownBy(() -> RouteProfile.of("/x", 1, 10, 0.3)).hasMessageContaining("GET /path");
        assertThatThrownBy(() -> new LatencyModel(0, 0.3)).hasMessageContaining("medianMs");
        assertThatThrownBy(() -> TrafficProfile.demo().withErrorShares(0.5, 1.5))
                .hasMessageContaining("serverErrorShare");
        assertThatThrownBy(() -> new TrafficProfile(List.of(service, service), 0, 0, LogProfile.none(),
                Optional.empty(), "production", 1, Optional.empty())).hasMessageContaining("twice");
        assertThatThrownBy(() -> ServiceProfile.of("y", 1, route, route)).hasMessageContaining("twice");
    }

    @Test
    void scalingTheRateKeepsEverythingElse() {
        TrafficProfile scaled = TrafficProfile.demo().withRateScaledBy(3);

        assertThat(scaled.requestsPerSecond()).isCloseTo(TrafficProfile.demo().requestsPerSecond() * 3,
                withinPercentage(0.001));
        assertThat(scaled.incident()).isEqualTo(TrafficProfile.demo().incident());
    }
}

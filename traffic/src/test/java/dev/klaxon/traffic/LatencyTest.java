package dev.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

class LatencyTest {

    private static final long START = 1_700_000_000_000L;

    @Test
    void everyRoutesMedianAndP95AreCloseToItsModel() {
        TrafficProfile profile = TrafficProfile.demo().withoutIncident();
        var recorded = Recorded.nextRequests(new TrafficGenerator(profile, 5, START), 400_000);

        for (ServiceProfile service : profile.services()) {
            for (RouteProfile route : service.routes()) {
                var samples = recorded.requests(Recorded.on(service.name(), route.route()));
                assertThat(samples).as(route.route()).hasSizeGreaterThan(4_000);
                // The sample median's sd is ~1.3 σ median / √n, under 1 % here.
                assertThat(Recorded.quantile(samples, 0.5)).as("median of %s", route.route())
                        .isCloseTo(route.latency().medianMs(), withinPercentage(4));
                assertThat(Recorded.quantile(samples, 0.95)).as("p95 of %s", route.route())
                        .isCloseTo(route.latency().p95Ms(), withinPercentage(6));
            }
        }
    }

    @Test
    void latencyModelFromMedianAndP95() {
        var model = LatencyModel.ofMedianAndP95(60, 120);

        assertThat(model.medianMs()).isEqualTo(60);
        assertThat(model.p95Ms()).isCloseTo(120, within(1e-9));
        assertThat(model.sigma()).isCloseTo(Math.log(2) / 1.6448536, within(1e-6));
    }

    @Test
    void durationsAreNonNegativeWithMicrosecondResolution() {
        var recorded = Recorded.nextRequests(new TrafficGenerator(TrafficProfile.benchmark(), 5, START), 100_000);

        assertThat(recorded.requests).allSatisfy(r -> {
            assertThat(r.getDurationMs()).isGreaterThanOrEqualTo(0);
            assertThat(r.getDurationMs() * 1000).isCloseTo(Math.rint(r.getDurationMs() * 1000), within(1e-6));
        });
    }
}

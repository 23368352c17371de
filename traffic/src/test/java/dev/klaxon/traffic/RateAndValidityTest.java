package dev.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.validation.EventLimits;
import dev.klaxon.schemas.validation.EventRules;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RateAndValidityTest {

    private static final long START = 1_700_000_000_000L;

    @Test
    void rateGivesTheExpectedNumberOfRequestsPerService() {
        TrafficProfile profile = TrafficProfile.demo().withRateScaledBy(10); // 160 requests/s
        var recorded = new Recorded();
        new TrafficGenerator(profile, 21, START).emitBetween(START, START + 600_000, recorded);

        // Poisson: 96,000 ± 310 in ten minutes.
        assertThat(recorded.requests).hasSizeBetween(94_800, 97_200);
        for (ServiceProfile service : profile.services()) {
            long count = recorded.requests.stream().filter(r -> r.getService().equals(service.name())).count();
            assertThat((double) count).as(service.name())
                    .isCloseTo(service.requestsPerSecond() * 600, withinPercentage(4));
        }
    }

    @Test
    void demoLoopOfHundredMillisecondTicksGetsValidEventsInsideEachTick() {
        TrafficProfile profile = TrafficProfile.demo();
        var generator = new TrafficGenerator(profile, 8, START);
        Set<String> routes = new HashSet<>();
        profile.services().forEach(s -> s.routes().forEach(r -> routes.add(s.name() + " " + r.route())));
        int requests = 0;

        for (long tick = START; tick < START + 300_000; tick += 100) {
            long from = tick;
            long to = tick + 100;
            for (var event : generator.eventsBetween(from, to)) {
                if (event instanceof RequestEvent r) {
                    requests++;
                    assertThat(r.getTimestamp()).isBetween(from, to - 1);
                    assertThat(r.getStatus()).isBetween(100, 599);
                    assertThat(r.getDurationMs()).isGreaterThanOrEqualTo(0).isFinite();
                    assertThat(routes).contains(r.getService() + " " + r.getRoute());
                    assertThat(r.getRoute()).startsWith(r.getMethod() + " /");
                    assertThat(r.getRequestId()).isNotBlank();
                    assertThat(r.getUserId()).isNotBlank();
                    assertThat(r.getEnvironment()).isEqualTo("production");
                } else if (event instanceof CostEvent c) {
                    assertThat(c.getTimestamp()).isBetween(from, to - 1);
                    assertThat(EventRules.of(EventLimits.defaults()).check(c)).isEmpty();
                } else {
                    LogEvent l = (LogEvent) event;
                    assertThat(l.getTimestamp()).isBetween(from, to - 1);
                    assertThat(l.getLevel()).isNotNull();
                    assertThat(l.getMessage()).isNotBlank();
                    assertThat(l.getRequestId()).isNotBlank();
                }
            }
        }
        assertThat(requests).isBetween(4_500, 5_100); // 16/s for 300 s
    }

    @Test
    void benchmarkEmitsRequestsWithIncreasingTimestampsAtItsRate() {
        TrafficProfile profile = TrafficProfile.benchmark();
        var generator = new TrafficGenerator(profile, 4, START);
        var recorded = Recorded.nextRequests(generator, 1_000_000);

        long previous = START;
        for (RequestEvent r : recorded.requests) {
            assertThat(r.getTimestamp()).isGreaterThanOrEqualTo(previous);
            previous = r.getTimestamp();
        }
        double seconds = (previous - START) / 1000.0;
        assertThat(1_000_000 / seconds).isCloseTo(profile.requestsPerSecond(), withinPercentage(1));
        assertThat(recorded.requests.stream().map(r -> r.getService() + " " + r.getRoute()).distinct())
                .hasSize(200);
    }

    @Test
    void twoMillionBenchmarkEventsAreCheap() {
        var generator = new TrafficGenerator(TrafficProfile.benchmark(), 4, START);
        var counter = new EventSink() {
            long requests;

            @Override
            public void request(RequestEvent event) {
                requests++;
            }

            @Override
            public void log(LogEvent event) {
            }
        };

        long began = System.nanoTime();
        while (counter.requests < 2_000_000) {
            generator.emitNext(counter);
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        // Typically well under a second; the bound only catches something pathological.
        assertThat(seconds).isLessThan(20);
    }

    @Test
    void timeOnlyMovesForward() {
        var generator = new TrafficGenerator(TrafficProfile.demo(), 1, START);
        generator.eventsBetween(START, START + 1_000);

        assertThatThrownBy(() -> generator.eventsBetween(START + 500, START + 2_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.eventsBetween(START + 3_000, START + 2_000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSkippedSpanHasNoEventsAndTrafficResumesAfterIt() {
        var generator = new TrafficGenerator(TrafficProfile.demo().withRateScaledBy(10), 1, START);
        generator.eventsBetween(START, START + 1_000);

        var resumed = generator.eventsBetween(START + 60_000, START + 70_000);

        assertThat(resumed).hasSizeGreaterThan(1_000).allSatisfy(e -> assertThat(timestampOf(e))
                .isBetween(START + 60_000, START + 69_999));
    }

    private static long timestampOf(SpecificRecord event) {
        return (long) event.get(event.getSchema().getField("timestamp").pos());
    }
}

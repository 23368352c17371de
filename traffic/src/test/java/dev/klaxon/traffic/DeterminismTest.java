package dev.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.RequestEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    private static final long START = 1_700_000_000_000L;
    private static final long FIVE_MINUTES = 5 * 60_000L;

    @Test
    void sameSeedGivesTheSameEvents() {
        var first = new TrafficGenerator(TrafficProfile.demo(), 42, START).eventsBetween(START, START + FIVE_MINUTES);
        var second = new TrafficGenerator(TrafficProfile.demo(), 42, START).eventsBetween(START, START + FIVE_MINUTES);

        assertThat(first).hasSizeGreaterThan(4_000).isEqualTo(second);
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        var first = new TrafficGenerator(TrafficProfile.demo(), 42, START).eventsBetween(START, START + 60_000);
        var other = new TrafficGenerator(TrafficProfile.demo(), 43, START).eventsBetween(START, START + 60_000);

        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void eventsDoNotDependOnHowTimeIsSliced() {
        var whole = new TrafficGenerator(TrafficProfile.demo(), 7, START).eventsBetween(START, START + FIVE_MINUTES);

        var sliced = new ArrayList<SpecificRecord>();
        var generator = new TrafficGenerator(TrafficProfile.demo(), 7, START);
        for (long t = START; t < START + FIVE_MINUTES; t += 100) { // a demo loop's 100 ms ticks
            sliced.addAll(generator.eventsBetween(t, t + 100));
        }

        assertThat(sliced).isEqualTo(whole);
    }

    @Test
    void requestIdsAreUnique() {
        var recorded = Recorded.nextRequests(new TrafficGenerator(TrafficProfile.benchmark(), 1, START), 200_000);

        var ids = new HashSet<String>();
        for (RequestEvent r : recorded.requests) {
            ids.add(r.getRequestId());
        }
        assertThat(ids).hasSize(200_000);
        assertThat(recorded.requests.get(0).getRequestId()).matches("[0-9a-f]{16}");
    }

    @Test
    void emitNextContinuesTheSameStreamAsTimeDrivenCalls() {
        var byTime = new TrafficGenerator(TrafficProfile.demo(), 9, START).eventsBetween(START, START + 60_000);
        List<RequestEvent> requestsByTime = byTime.stream()
                .filter(RequestEvent.class::isInstance).map(RequestEvent.class::cast).toList();

        var byCount = Recorded.nextRequests(new TrafficGenerator(TrafficProfile.demo(), 9, START), requestsByTime.size());

        assertThat(byCount.requests).isEqualTo(requestsByTime);
    }
}

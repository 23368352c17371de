package dev.klaxon.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsAndLogsTest {

    private static final long START = 1_700_000_000_000L;
    private static final int REQUESTS = 100_000;

    private final Recorded recorded =
            Recorded.nextRequests(new TrafficGenerator(TrafficProfile.demo().withoutIncident(), 11, START), REQUESTS);

    @Test
    void serverAndClientErrorSharesMatchTheProfile() {
        // Expected 300 ± 17 (binomial sd) 5xx and 2,000 ± 44 4xx: tolerances are ~4 sd.
        double serverErrors = Recorded.share(recorded.requests, r -> r.getStatus() >= 500);
        double clientErrors = Recorded.share(recorded.requests, r -> r.getStatus() >= 400 && r.getStatus() < 500);

        assertThat(serverErrors).isBetween(0.0023, 0.0037);
        assertThat(clientErrors).isBetween(0.018, 0.022);
        assertThat(recorded.requests).allSatisfy(r -> assertThat(r.getStatus()).isIn(
                200, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504));
    }

    @Test
    void every5xxHasOneErrorLogWithItsRequestIdAndService() {
        Map<String, LogEvent> errorLogs = new HashMap<>();
        for (LogEvent log : recorded.logs) {
            if (log.getLevel() == LogLevel.error) {
                assertThat(errorLogs.put(log.getRequestId(), log)).as("one error log per request").isNull();
            }
        }
        var failed = recorded.requests(r -> r.getStatus() >= 500);

        assertThat(failed).hasSizeGreaterThan(200);
        for (RequestEvent request : failed) {
            LogEvent log = errorLogs.get(request.getRequestId());
            assertThat(log).as("error log of %s", request.getRequestId()).isNotNull();
            assertThat(log.getService()).isEqualTo(request.getService());
            assertThat(log.getTimestamp()).isEqualTo(request.getTimestamp());
            assertThat(log.getUserId()).isEqualTo(request.getUserId());
            assertThat(log.getErrorType()).isNotBlank();
            assertThat(log.getMessage()).contains(request.getRoute()).contains(String.valueOf(request.getStatus()));
        }
        assertThat(errorLogs).as("no error log without a 5xx").hasSameSizeAs(failed);
    }

    @Test
    void infoAndWarnLogsAccompanySomeRequests() {
        long info = recorded.logs.stream().filter(l -> l.getLevel() == LogLevel.info).count();
        long warn = recorded.logs.stream().filter(l -> l.getLevel() == LogLevel.warn).count();

        assertThat(info).isBetween(4_500L, 5_500L); // 5 % of requests
        assertThat(warn).isBetween(400L, 1_000L); // 0.5 % retries plus the rare slow request
    }

    @Test
    void benchmarkProfileHasNoLogs() {
        var bench = Recorded.nextRequests(new TrafficGenerator(TrafficProfile.benchmark(), 11, START), 50_000);

        assertThat(bench.logs).isEmpty();
        assertThat(Recorded.share(bench.requests, r -> r.getStatus() >= 500)).isPositive();
    }
}

package dev.klaxon.traffic;

import dev.klaxon.schemas.RequestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * Generates request events, and the log lines and costs they cause, for a {@link TrafficProfile},
 * driven by event time.
 *
 * <p>Requests arrive as a Poisson process at the profile's total rate (exponential gaps, kept
 * in fractional milliseconds so high rates stay exact); each arrival picks its route in
 * proportion to the routes' rates. Time only moves forward: each call continues where the
 * previous one stopped, so the events of a seed do not depend on how a time span is cut into
 * calls. The incident is timed from {@code startMs}.
 *
 * <p>Not thread-safe: one generator per producing thread.
 */
public final class TrafficGenerator {

    private static final Map<String, String> NO_ATTRIBUTES = Map.of();

    private final TrafficProfile profile;
    private final long startMs;
    private final SplittableRandom random;
    private final RouteTable routes;
    private final LogLines logLines;
    private final RequestIds requestIds;
    private final String[] userIds;
    private final double meanGapMs;
    private final CostCalls costCalls;

    private final int incidentRoute;
    private final long incidentBeginMs;
    private final long incidentEndMs;
    private final double incidentMu;
    private final double incidentSigma;
    private final double incidentServerErrorShare;

    /** Arrival time of the next request, fractional epoch ms. */
    private double nextArrivalMs;
    /** Events before this time have been handed out; the next span may not start earlier. */
    private long cursorMs;

    /**
     * @param profile what to generate
     * @param seed    the same seed, profile, start and calls give the same events
     * @param startMs epoch ms the traffic starts at; the incident is timed from it
     */
    public TrafficGenerator(TrafficProfile profile, long seed, long startMs) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.startMs = startMs;
        this.random = new SplittableRandom(seed);
        this.routes = new RouteTable(profile.services());
        this.logLines = new LogLines(routes, profile.logs().slowRequestWarnMs());
        this.requestIds = new RequestIds(seed);
        this.userIds = new String[profile.users()];
        int digits = String.valueOf(profile.users() - 1).length();
        for (int u = 0; u < userIds.length; u++) {
            userIds[u] = "user-" + "0".repeat(digits - String.valueOf(u).length()) + u;
        }
        double rate = routes.totalRate();
        this.meanGapMs = rate > 0 ? 1000.0 / rate : Double.POSITIVE_INFINITY;
        this.costCalls = profile.costs().map(c -> new CostCalls(c, startMs)).orElse(null);

        Incident incident = profile.incident().orElse(null);
        if (incident != null) {
            incidentRoute = routes.indexOf(incident.service(), incident.route());
            incidentBeginMs = startMs + incident.after().toMillis();
            incidentEndMs = incidentBeginMs + incident.duration().toMillis();
            incidentMu = Math.log(incident.latency().medianMs());
            incidentSigma = incident.latency().sigma();
            incidentServerErrorShare = incident.serverErrorShare();
        } else {
            incidentRoute = -1;
            incidentBeginMs = incidentEndMs = startMs;
            incidentMu = incidentSigma = incidentServerErrorShare = 0;
        }
        this.cursorMs = startMs;
        this.nextArrivalMs = startMs + gapMs();
    }

    public TrafficProfile profile() {
        return profile;
    }

    public long startMs() {
        return startMs;
    }

    /** Whether the incident is under way at {@code timestampMs}; false without an incident. */
    public boolean incidentActiveAt(long timestampMs) {
        return incidentRoute >= 0 && timestampMs >= incidentBeginMs && timestampMs < incidentEndMs;
    }

    /**
     * Events with timestamps in [{@code fromMs}, {@code toMs}), in timestamp order. Spans must not
     * go back in time: {@code fromMs} is at least the previous call's {@code toMs}; a gap is
     * skipped (no events are made up for it).
     */
    public List<SpecificRecord> eventsBetween(long fromMs, long toMs) {
        var events = new ArrayList<SpecificRecord>((int) Math.min(1 << 16, expectedEvents(fromMs, toMs)));
        emitBetween(fromMs, toMs, EventSink.into(events));
        return events;
    }

    /** Like {@link #eventsBetween} but hands each event to {@code sink} instead of collecting them. */
    public void emitBetween(long fromMs, long toMs, EventSink sink) {
        if (toMs < fromMs) {
            throw new IllegalArgumentException("span ends (" + toMs + ") before it starts (" + fromMs + ")");
        }
        if (fromMs < cursorMs) {
            throw new IllegalArgumentException(
                    "span starts at " + fromMs + ", before the end of what was already generated, " + cursorMs);
        }
        if (nextArrivalMs < fromMs) {
            // Skipped time: arrivals are memoryless, so restarting the process at fromMs is exact.
            nextArrivalMs = fromMs + gapMs();
        }
        emitUntil(toMs, sink);
    }

    /** Events from where the previous call stopped up to {@code toMs} (exclusive): a demo loop's call. */
    public void emitUntil(long toMs, EventSink sink) {
        if (toMs < cursorMs) {
            throw new IllegalArgumentException("toMs " + toMs + " is before what was already generated, " + cursorMs);
        }
        while (nextArrivalMs < toMs) {
            emitArrival((long) Math.floor(nextArrivalMs), sink);
        }
        cursorMs = toMs;
    }

    /**
     * The next request (and its log lines), whenever it falls: a benchmark's call, producing
     * requests with increasing synthetic timestamps at the profile's rate.
     *
     * @return the request's timestamp
     */
    public long emitNext(EventSink sink) {
        if (Double.isInfinite(nextArrivalMs)) {
            throw new IllegalStateException("the profile's request rate is 0");
        }
        long timestampMs = (long) Math.floor(nextArrivalMs);
        emitArrival(timestampMs, sink);
        cursorMs = Math.max(cursorMs, timestampMs);
        return timestampMs;
    }

    private void emitArrival(long timestampMs, EventSink sink) {
        nextArrivalMs += gapMs();
        int route = routes.pick(random.nextDouble());
        boolean degraded = route == incidentRoute && timestampMs >= incidentBeginMs && timestampMs < incidentEndMs;

        double mu = degraded ? incidentMu : routes.mu[route];
        double sigma = degraded ? incidentSigma : routes.sigma[route];
        double durationMs = Math.exp(mu + sigma * random.nextGaussian());
        durationMs = Math.round(durationMs * 1000) / 1000.0; // microsecond resolution, like real timers

        int status = status(degraded);
        String requestId = requestIds.next();
        boolean billed = costCalls != null && costCalls.service().equals(routes.service[route]);
        String userId = billed ? costCalls.user(timestampMs, random) : userIds[random.nextInt(userIds.length)];
        sink.request(new RequestEvent(routes.service[route], routes.route[route], routes.method[route], status,
                durationMs, timestampMs, userId, requestId, profile.environment(), NO_ATTRIBUTES));
        if (billed && status < 300 && costCalls.bills(routes.service[route], routes.route[route])) {
            sink.cost(costCalls.call(timestampMs, userId, requestId, random));
        }

        LogProfile logs = profile.logs();
        if (status >= 500 && logs.errorLogFor5xx()) {
            sink.log(logLines.error(route, status, timestampMs, requestId, userId));
        }
        if (logs.slowRequestWarnMs() > 0 && durationMs > logs.slowRequestWarnMs()) {
            sink.log(logLines.slow(route, timestampMs, requestId, userId));
        }
        if (logs.warnShare() > 0 && random.nextDouble() < logs.warnShare()) {
            sink.log(logLines.retry(route, timestampMs, requestId, userId));
        }
        if (logs.infoShare() > 0 && random.nextDouble() < logs.infoShare()) {
            sink.log(logLines.info(route, timestampMs, requestId, userId));
        }
    }

    private int status(boolean degraded) {
        double serverErrorShare = degraded ? incidentServerErrorShare : profile.serverErrorShare();
        double u = random.nextDouble();
        if (u < serverErrorShare) {
            return degraded ? StatusCodes.INCIDENT_SERVER_ERROR : StatusCodes.serverError(random.nextDouble());
        }
        if (u < serverErrorShare + profile.clientErrorShare()) {
            return StatusCodes.clientError(random.nextDouble());
        }
        return StatusCodes.OK;
    }

    private double gapMs() {
        return meanGapMs * random.nextExponential();
    }

    private long expectedEvents(long fromMs, long toMs) {
        return (long) Math.ceil((toMs - fromMs) / meanGapMs * 1.1) + 16;
    }
}

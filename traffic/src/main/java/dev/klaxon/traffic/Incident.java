package dev.klaxon.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * A degradation of one route for a while: its latency and 5xx share change, then recover.
 * Times are relative to the generator's start, so a demo shows it a fixed time after launch.
 *
 * @param service          service of the degraded route
 * @param route            the degraded route, e.g. "GET /search"
 * @param after            how long after the generator's start the incident begins
 * @param duration         how long it lasts
 * @param latency          latency of the route during the incident
 * @param serverErrorShare share of the route's requests that fail with 5xx during the incident
 */
public record Incident(String service, String route, Duration after, Duration duration,
                       LatencyModel latency, double serverErrorShare) {

    public Incident {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(latency, "latency");
        if (after == null || after.isNegative()) {
            throw new IllegalArgumentException("incident 'after' must be >= 0, was " + after);
        }
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("incident 'duration' must be >= 0, was " + duration);
        }
        Shares.check("incident serverErrorShare", serverErrorShare);
    }

    public Incident on(String service, String route) {
        return new Incident(service, route, after, duration, latency, serverErrorShare);
    }

    public Incident at(Duration after, Duration duration) {
        return new Incident(service, route, after, duration, latency, serverErrorShare);
    }

    public Incident withLatency(LatencyModel latency) {
        return new Incident(service, route, after, duration, latency, serverErrorShare);
    }

    public Incident withServerErrorShare(double share) {
        return new Incident(service, route, after, duration, latency, share);
    }
}

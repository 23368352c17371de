package dev.klaxon.traffic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What traffic to generate: services and routes with their rates and latencies, error shares,
 * accompanying logs and at most one injected incident. Immutable; the {@code with…} methods
 * return changed copies.
 *
 * @param services          the services; names are unique
 * @param clientErrorShare  share of requests answered 4xx
 * @param serverErrorShare  share of requests answered 5xx (outside an incident)
 * @param logs              which log lines accompany requests
 * @param incident          the injected incident, if any
 * @param environment       the {@code environment} of every request, e.g. "production"
 * @param users             size of the user population {@code userId}s are drawn from
 * @param costs             cost events accompanying one route's calls, if any
 */
public record TrafficProfile(List<ServiceProfile> services, double clientErrorShare, double serverErrorShare,
                             LogProfile logs, Optional<Incident> incident, String environment, int users,
                             Optional<CostProfile> costs) {

    public TrafficProfile {
        services = List.copyOf(services);
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(costs, "costs");
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a traffic profile needs at least one service");
        }
        var names = new HashSet<String>();
        for (ServiceProfile s : services) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("service " + s.name() + " is listed twice");
            }
        }
        Shares.check("clientErrorShare", clientErrorShare);
        Shares.check("serverErrorShare", serverErrorShare);
        if (clientErrorShare + serverErrorShare > 1) {
            throw new IllegalArgumentException("clientErrorShare + serverErrorShare must be <= 1");
        }
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1, was " + users);
        }
        if (costs.isPresent() && services.stream().noneMatch(
                s -> s.name().equals(costs.get().service()) && s.hasRoute(costs.get().route()))) {
            throw new IllegalArgumentException("billed route " + costs.get().service() + " " + costs.get().route()
                    + " is not among the profile's routes");
        }
        if (incident.isPresent()) {
            Incident i = incident.get();
            boolean known = false;
            for (ServiceProfile s : services) {
                known |= s.name().equals(i.service()) && s.hasRoute(i.route());
            }
            if (!known) {
                throw new IllegalArgumentException(
                        "incident route " + i.service() + " " + i.route() + " is not among the profile's routes");
            }
            if (clientErrorShare + i.serverErrorShare() > 1) {
                throw new IllegalArgumentException("clientErrorShare + incident serverErrorShare must be <= 1");
            }
        }
    }

    /**
     * The {@code klaxon demo} traffic: four services, 16 requests/s in all, and an incident on
     * search-api "GET /search" from minute 1 to minute 4 (p95 120 ms → 2.5 s, 5xx 0.3 % → 8 %).
     * See {@link DemoTraffic} for why these numbers.
     */
    public static TrafficProfile demo() {
        return DemoTraffic.profile();
    }

    /**
     * Benchmark traffic: {@code services × routesPerService} series, each service at
     * {@code requestsPerSecondPerService}, no incident and no logs (one event per request).
     */
    public static TrafficProfile benchmark(int services, int routesPerService, double requestsPerSecondPerService) {
        return BenchmarkTraffic.profile(services, routesPerService, requestsPerSecondPerService);
    }

    /** The design's benchmark shape (§6): 20 services × 10 routes, 5,000 requests/s in all. */
    public static TrafficProfile benchmark() {
        return benchmark(20, 10, 250);
    }

    /** Requests per second of all services together. */
    public double requestsPerSecond() {
        return services.stream().mapToDouble(ServiceProfile::requestsPerSecond).sum();
    }

    /** Every service's rate multiplied by {@code factor}; shares and the incident stay. */
    public TrafficProfile withRateScaledBy(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be >= 0 and finite, was " + factor);
        }
        var scaled = new ArrayList<ServiceProfile>(services.size());
        for (ServiceProfile s : services) {
            scaled.add(s.withRequestsPerSecond(s.requestsPerSecond() * factor));
        }
        return new TrafficProfile(scaled, clientErrorShare, serverErrorShare, logs, incident, environment, users,
                costs);
    }

    public TrafficProfile withIncident(Incident incident) {
        return new TrafficProfile(services, clientErrorShare, serverErrorShare, logs,
                Optional.of(incident), environment, users, costs);
    }

    /** The same incident, starting {@code after} the generator's start and lasting {@code duration}. */
    public TrafficProfile withIncidentTiming(Duration after, Duration duration) {
        Incident current = incident.orElseThrow(() -> new IllegalStateException("this profile has no incident"));
        return withIncident(current.at(after, duration));
    }

    public TrafficProfile withoutIncident() {
        return new TrafficProfile(services, clientErrorShare, serverErrorShare, logs,
                Optional.empty(), environment, users, costs);
    }

    public TrafficProfile withErrorShares(double clientErrorShare, double serverErrorShare) {
        return new TrafficProfile(services, clientErrorShare, serverErrorShare, logs, incident, environment, users,
                costs);
    }

    public TrafficProfile withCosts(CostProfile costs) {
        return new TrafficProfile(services, clientErrorShare, serverErrorShare, logs, incident, environment, users,
                Optional.of(costs));
    }

    public TrafficProfile withoutCosts() {
        return new TrafficProfile(services, clientErrorShare, serverErrorShare, logs, incident, environment, users,
                Optional.empty());
    }

    public TrafficProfile withLogs(LogProfile logs) {
        return new TrafficProfile(services, clientErrorShare, serverErrorShare, logs, incident, environment, users,
                costs);
    }
}

package dev.klaxon.traffic;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One service: its name, how many requests per second it serves, and its routes.
 */
public record ServiceProfile(String name, double requestsPerSecond, List<RouteProfile> routes) {

    public ServiceProfile {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException(
                    "requestsPerSecond of " + name + " must be >= 0 and finite, was " + requestsPerSecond);
        }
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " needs at least one route");
        }
        var seen = new HashSet<String>();
        for (RouteProfile r : routes) {
            if (!seen.add(r.route())) {
                throw new IllegalArgumentException("service " + name + " lists route " + r.route() + " twice");
            }
        }
    }

    public static ServiceProfile of(String name, double requestsPerSecond, RouteProfile... routes) {
        return new ServiceProfile(name, requestsPerSecond, List.of(routes));
    }

    public ServiceProfile withRequestsPerSecond(double rate) {
        return new ServiceProfile(name, rate, routes);
    }

    public boolean hasRoute(String route) {
        return routes.stream().anyMatch(r -> r.route().equals(route));
    }
}

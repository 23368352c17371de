package dev.klaxon.traffic;

import java.util.Objects;

/**
 * One route template of a service, e.g. {@code "GET /search"}, with its share of the
 * service's traffic and its latency.
 *
 * @param route   "METHOD /template"; the template, not a raw path, so series stay few
 * @param weight  relative share of the service's requests (weights need not sum to 1)
 * @param latency latency in normal operation
 */
public record RouteProfile(String route, double weight, LatencyModel latency) {

    public RouteProfile {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(latency, "latency");
        int space = route.indexOf(' ');
        if (space <= 0 || space == route.length() - 1 || route.charAt(space + 1) != '/') {
            throw new IllegalArgumentException("route must look like \"GET /path\", was \"" + route + "\"");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight of " + route + " must be > 0 and finite, was " + weight);
        }
    }

    public static RouteProfile of(String route, double weight, double medianMs, double sigma) {
        return new RouteProfile(route, weight, new LatencyModel(medianMs, sigma));
    }

    /** The HTTP method, the part of {@link #route()} before the space. */
    public String method() {
        return route.substring(0, route.indexOf(' '));
    }
}

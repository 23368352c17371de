package dev.klaxon.traffic;

import java.util.List;

/**
 * All routes of a profile flattened into arrays, so picking the route of the next request is
 * a binary search over cumulative rates and no per-event lookups are needed.
 */
final class RouteTable {

    final int size;
    final String[] service;
    final String[] route;
    final String[] method;
    /** ln(median), the mean of ln(latency). */
    final double[] mu;
    final double[] sigma;
    /** Requests per second of the route, cumulated in route order. */
    private final double[] cumulativeRate;
    private final int lastWithTraffic;

    RouteTable(List<ServiceProfile> services) {
        size = services.stream().mapToInt(s -> s.routes().size()).sum();
        service = new String[size];
        route = new String[size];
        method = new String[size];
        mu = new double[size];
        sigma = new double[size];
        cumulativeRate = new double[size];
        int i = 0;
        int lastPositive = -1;
        double cumulative = 0;
        for (ServiceProfile s : services) {
            double weightSum = s.routes().stream().mapToDouble(RouteProfile::weight).sum();
            for (RouteProfile r : s.routes()) {
                service[i] = s.name();
                route[i] = r.route();
                method[i] = r.method();
                mu[i] = Math.log(r.latency().medianMs());
                sigma[i] = r.latency().sigma();
                double rate = s.requestsPerSecond() * r.weight() / weightSum;
                cumulative += rate;
                cumulativeRate[i] = cumulative;
                if (rate > 0) {
                    lastPositive = i;
                }
                i++;
            }
        }
        lastWithTraffic = lastPositive;
    }

    /** Requests per second of all routes together. */
    double totalRate() {
        return size == 0 ? 0 : cumulativeRate[size - 1];
    }

    /** The route whose share of the total rate holds {@code uniform}, a draw from [0, 1). */
    int pick(double uniform) {
        double target = uniform * totalRate();
        int lo = 0;
        int hi = size - 1;
        while (lo < hi) { // first index whose cumulative rate exceeds target
            int mid = (lo + hi) >>> 1;
            if (cumulativeRate[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        // Rounding can put target at the very top; never pick a route without traffic.
        return cumulativeRate[lo] > target ? lo : lastWithTraffic;
    }

    int indexOf(String serviceName, String routeName) {
        for (int i = 0; i < size; i++) {
            if (service[i].equals(serviceName) && route[i].equals(routeName)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no route " + serviceName + " " + routeName);
    }
}

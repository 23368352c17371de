package dev.klaxon.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Many uniform services and routes for throughput benchmarks; medians spread over 20–200 ms. */
final class BenchmarkTraffic {

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};

    private BenchmarkTraffic() {
    }

    static TrafficProfile profile(int services, int routesPerService, double requestsPerSecondPerService) {
        if (services < 1 || routesPerService < 1) {
            throw new IllegalArgumentException("need at least one service and one route per service");
        }
        var list = new ArrayList<ServiceProfile>(services);
        for (int s = 0; s < services; s++) {
            var routes = new ArrayList<RouteProfile>(routesPerService);
            for (int r = 0; r < routesPerService; r++) {
                String route = METHODS[r % METHODS.length] + " /resource" + r + "/{id}";
                double median = 20 + (180.0 * ((s * 7 + r * 13) % 19)) / 18; // 20..200, varied per series
                routes.add(RouteProfile.of(route, 1, median, 0.5));
            }
            list.add(new ServiceProfile(String.format("service-%02d", s), requestsPerSecondPerService, routes));
        }
        return new TrafficProfile(List.copyOf(list), 0.02, 0.003, LogProfile.none(), Optional.empty(),
                "production", 10_000, Optional.empty());
    }
}

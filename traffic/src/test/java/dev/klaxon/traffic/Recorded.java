package dev.klaxon.traffic;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A sink that keeps requests, logs and costs apart, with the statistics the tests need. */
final class Recorded implements EventSink {

    final List<RequestEvent> requests = new ArrayList<>();
    final List<LogEvent> logs = new ArrayList<>();
    final List<CostEvent> costs = new ArrayList<>();

    @Override
    public void request(RequestEvent event) {
        requests.add(event);
    }

    @Override
    public void log(LogEvent event) {
        logs.add(event);
    }

    @Override
    public void cost(CostEvent event) {
        costs.add(event);
    }

    static Recorded nextRequests(TrafficGenerator generator, int count) {
        var recorded = new Recorded();
        while (recorded.requests.size() < count) {
            generator.emitNext(recorded);
        }
        return recorded;
    }

    List<RequestEvent> requests(Predicate<RequestEvent> filter) {
        return requests.stream().filter(filter).toList();
    }

    static double share(List<RequestEvent> requests, Predicate<RequestEvent> filter) {
        return (double) requests.stream().filter(filter).count() / requests.size();
    }

    /** Nearest-rank quantile of the requests' durations. */
    static double quantile(List<RequestEvent> requests, double q) {
        double[] durations = requests.stream().mapToDouble(RequestEvent::getDurationMs).sorted().toArray();
        if (durations.length == 0) {
            throw new IllegalArgumentException("no requests");
        }
        int rank = (int) Math.ceil(q * durations.length);
        return durations[Math.max(0, rank - 1)];
    }

    static Predicate<RequestEvent> on(String service, String route) {
        return r -> r.getService().equals(service) && r.getRoute().equals(route);
    }

    static Predicate<RequestEvent> between(long fromMs, long toMs) {
        return r -> r.getTimestamp() >= fromMs && r.getTimestamp() < toMs;
    }

}

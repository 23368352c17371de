package dev.klaxon.rules.internal;

import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code spend.costPerRequest}: a service's spend of a minute (all providers) over its requests of that
 * minute (route {@code *}). Cost events often carry no request id, and a join per request would keep
 * state per request; a minute of one service is one small pair instead. Both halves reach this task
 * (both are keyed by service), in either order; the pair is evaluated when both are here, again if a
 * further environment's request window adds to it, and dropped after {@link #PAIR_TTL} (a minute with
 * spend but no requests, a batch job, has no cost per request).
 */
final class CostPerRequestAlerts {

  static final Duration MINUTE = Duration.ofMinutes(1);
  /** How long (wall clock) a half waits for the other: both come about a minute and a grace after their minute. */
  static final Duration PAIR_TTL = Duration.ofMinutes(5);

  private final List<AlertStateMachine> machines = new ArrayList<>();
  private KeyValueStore<String, RequestPair> pairs;
  private AlertStore alerts;

  CostPerRequestAlerts(List<Rule> rules) {
    rules.forEach(rule -> machines.add(new AlertStateMachine(rule, MINUTE)));
  }

  void init(AlertStore alerts, KeyValueStore<String, RequestPair> pairs) {
    this.alerts = alerts;
    this.pairs = pairs;
  }

  void onSpend(SpendSample spend, long now, long timestamp) {
    if (!pairs(spend)) {
      return;
    }
    RequestPair pair = pair(spend.service(), spend.windowStart(), now);
    pair.costUsd = spend.costUsd().toPlainString();
    save(spend.service(), spend.windowStart(), pair, now, timestamp);
  }

  void onRequests(WindowSample window, long now, long timestamp) {
    if (!pairs(window)) {
      return;
    }
    RequestPair pair = pair(window.service(), window.windowStart(), now);
    pair.requests.put(window.environment() == null ? "" : window.environment(), window.count());
    save(window.service(), window.windowStart(), pair, now, timestamp);
  }

  /** Drops pairs that waited too long for their other half. */
  void expire(long now) {
    StoreSweep.deleteWhere(pairs, pair -> pair.firstSeenAt < now - PAIR_TTL.toMillis());
  }

  Map<String, StaleAlerts> staleness() {
    Map<String, StaleAlerts> staleness = new LinkedHashMap<>();
    machines.forEach(m -> staleness.put(m.rule().name(), StaleAlerts.afterTwoWindows(MINUTE)));
    return staleness;
  }

  /** Whether a spend window is one half of a watched pair: a service's closed minute, all providers. */
  boolean pairs(SpendSample spend) {
    return spend.closed() && spend.isServiceSeries() && spend.allProviders() && spend.granularity().equals("minute")
        && watched(spend.service());
  }

  /** Whether a request window is the other half: a watched service's closed minute, route {@code *}. */
  boolean pairs(WindowSample window) {
    return window.closed() && window.source() == Metric.Source.REQUESTS && "*".equals(window.series().get("route"))
        && window.sizeMs() == MINUTE.toMillis() && watched(window.service());
  }

  private boolean watched(String service) {
    return service != null && machines.stream().anyMatch(m -> m.rule().selects(Map.of("service", service)));
  }

  private RequestPair pair(String service, long start, long now) {
    RequestPair pair = pairs.get(key(service, start));
    if (pair == null) {
      pair = new RequestPair();
      pair.firstSeenAt = now;
    }
    return pair;
  }

  private void save(String service, long start, RequestPair pair, long now, long timestamp) {
    pairs.put(key(service, start), pair);
    measure(service, start, pair, (machine, window, sample) -> alerts.evaluate(machine, window, sample, now, timestamp));
  }

  /** A pair with both halves (and requests): its cost per request, to each rule that selects the service. */
  void measure(String service, long start, RequestPair pair, Measured out) {
    OptionalDouble perRequest = pair.perRequest();
    if (perRequest.isEmpty()) {
      return;
    }
    Map<String, String> series = Map.of("service", service);
    WindowSample window = WindowSample.derived(Metric.Source.COST_PER_REQUEST, series, service, start,
        start + MINUTE.toMillis(), pair.requestCount());
    Sample sample = new Sample(perRequest.getAsDouble(), pair.requestCount());
    for (AlertStateMachine machine : machines) {
      if (machine.rule().selects(series)) {
        out.sample(machine, window, sample);
      }
    }
  }

  private static String key(String service, long start) {
    return service + '|' + start;
  }
}

package dev.klaxon.rules.internal;

import dev.klaxon.rules.Metric;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The spend rules' share of the evaluator: spend windows to budget, spike and cost-per-request rules,
 * request windows to cost per request, and on the sweep, what silence ends ({@link StaleAlerts}).
 * Spend windows mark no service as seen: {@code absent} rules watch telemetry (requests and logs), and
 * spend comes in bursts (a service that made no LLM call for five minutes is not down).
 */
final class SpendRules {

  private static final long FORGET_HISTORY_EVERY_MS = Duration.ofHours(1).toMillis();

  private final BudgetAlerts budgets;
  private final SpikeAlerts spikes;
  private final CostPerRequestAlerts costPerRequest;
  private final Map<String, StaleAlerts> staleness = new HashMap<>();
  private final boolean any;
  private AlertStore alerts;
  private long lastHistorySweep = Long.MIN_VALUE;

  SpendRules(RuleSet rules) {
    budgets = new BudgetAlerts(rules.budgets(), rules.forMetric(Metric.SPEND_BUDGET_USED));
    spikes = new SpikeAlerts(rules.forMetric(Metric.SPEND_SPIKE));
    costPerRequest = new CostPerRequestAlerts(rules.forMetric(Metric.SPEND_COST_PER_REQUEST));
    staleness.putAll(budgets.staleness());
    staleness.putAll(spikes.staleness());
    staleness.putAll(costPerRequest.staleness());
    any = !staleness.isEmpty();
  }

  void init(AlertStore alerts, KeyValueStore<String, SpendHistory> histories, KeyValueStore<String, RequestPair> pairs) {
    this.alerts = alerts;
    budgets.init(alerts);
    spikes.init(alerts, histories);
    costPerRequest.init(alerts, pairs);
  }

  void onSpend(SpendSample spend, long now, long timestamp) {
    budgets.onSpend(spend, now, timestamp);
    spikes.onSpend(spend, now, timestamp);
    costPerRequest.onSpend(spend, now, timestamp);
  }

  void onRequests(WindowSample window, long now, long timestamp) {
    costPerRequest.onRequests(window, now, timestamp);
  }

  /** Wall-clock upkeep: pairs that waited too long, alerts silence ends, histories of series gone quiet. */
  void sweep(long now) {
    if (!any) {
      return;
    }
    costPerRequest.expire(now);
    resolveStale(now);
    if (lastHistorySweep == Long.MIN_VALUE || now - lastHistorySweep >= FORGET_HISTORY_EVERY_MS) {
      spikes.forgetQuietSeries(now);
      lastHistorySweep = now;
    }
  }

  private void resolveStale(long now) {
    List<KeyValue<String, AlertState>> firing = new ArrayList<>();
    try (KeyValueIterator<String, AlertState> all = alerts.states().all()) {
      all.forEachRemaining(entry -> {
        if (entry.value.status() == AlertState.Status.FIRING && staleness.containsKey(entry.value.rule())) {
          firing.add(entry);
        }
      });
    }
    for (KeyValue<String, AlertState> entry : firing) {
      Optional<Alert> resolved = staleness.get(entry.value.rule()).onStale(entry.key, entry.value, now);
      if (resolved.isPresent()) {
        alerts.save(entry.key, entry.value, now);
        alerts.emit(entry.key, resolved.get(), now);
      }
    }
  }
}

package dev.klaxon.rules.internal;

import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.SpikeBaseline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code spend.spike}: a closed window's spend over the average of its series' previous windows with
 * spend ({@link SpikeBaseline}), evaluated like any closed window ({@code for} counts windows of the
 * baseline's size). The history lives in the {@code spend-history} store per series and granularity,
 * only for series some spike rule selects, bounded by the longest baseline, and forgotten
 * {@link #FORGET_AFTER} after the series' last window.
 */
final class SpikeAlerts {

  static final Duration FORGET_AFTER = Duration.ofDays(30);

  private final List<AlertStateMachine> machines = new ArrayList<>();
  /** Granularity → the most windows any rule's baseline averages: the history kept. */
  private final Map<String, Integer> kept = new HashMap<>();
  private KeyValueStore<String, SpendHistory> histories;
  private AlertStore alerts;

  SpikeAlerts(List<Rule> rules) {
    for (Rule rule : rules) {
      SpikeBaseline baseline = rule.baseline().orElseThrow();
      machines.add(new AlertStateMachine(rule, baseline.windowSize()));
      kept.merge(baseline.granularity(), baseline.windows(), Math::max);
    }
  }

  void init(AlertStore alerts, KeyValueStore<String, SpendHistory> histories) {
    this.alerts = alerts;
    this.histories = histories;
  }

  void onSpend(SpendSample spend, long now, long timestamp) {
    if (!watches(spend)) {
      return;
    }
    String key = historyKey(spend);
    SpendHistory history = histories.get(key);
    history = history == null ? new SpendHistory() : history;
    if (measure(spend, history, now,
        (machine, window, sample) -> alerts.evaluate(machine, window, sample, now, timestamp))) {
      histories.put(key, history);
    }
  }

  /** Whether some spike rule reads this window: a closed window of a user or service series at its granularity. */
  boolean watches(SpendSample spend) {
    if (!spend.closed() || !kept.containsKey(spend.granularity()) || !(spend.isUserSeries() || spend.isServiceSeries())) {
      return false; // running totals are no window to compare; a series of neither kind is none
    }
    return !selecting(spend).isEmpty();
  }

  /** Where a series' history is kept, per granularity. */
  static String historyKey(SpendSample spend) {
    return spend.granularity() + '|' + spend.seriesId();
  }

  /**
   * A watched closed window against its series' {@code history}: each selecting rule with a baseline gets
   * its sample (spend over the average), then the window joins the history. False, and nothing measured,
   * for a window at or before the history's newest (recorded already).
   */
  boolean measure(SpendSample spend, SpendHistory history, long now, Measured out) {
    if (spend.windowStart() <= history.lastStart) {
      return false; // recorded already
    }
    double cost = spend.costUsd().doubleValue();
    WindowSample window = WindowSample.derived(Metric.Source.SPEND, spend.series(), spend.seriesId(),
        spend.windowStart(), spend.windowEnd(), spend.events());
    for (AlertStateMachine machine : selecting(spend)) {
      OptionalDouble average = history.average(machine.rule().baseline().orElseThrow());
      if (average.isPresent()) {
        out.sample(machine, window, new Sample(cost / average.getAsDouble(), spend.events()));
      }
    }
    history.record(spend.windowStart(), cost, kept.get(spend.granularity()), now);
    return true;
  }

  private List<AlertStateMachine> selecting(SpendSample spend) {
    Map<String, String> series = spend.series();
    return machines.stream()
        .filter(m -> m.rule().baseline().orElseThrow().granularity().equals(spend.granularity())
            && m.rule().selects(series))
        .toList();
  }

  /** Forgets the history of series that have not spent for {@link #FORGET_AFTER} (wall clock). */
  void forgetQuietSeries(long now) {
    StoreSweep.deleteWhere(histories, history -> history.updatedAt < now - FORGET_AFTER.toMillis());
  }

  Map<String, StaleAlerts> staleness() {
    Map<String, StaleAlerts> staleness = new LinkedHashMap<>();
    machines.forEach(m -> staleness.put(m.rule().name(),
        StaleAlerts.afterTwoWindows(m.rule().baseline().orElseThrow().windowSize())));
    return staleness;
  }
}

package dev.klaxon.rules.internal;

import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleConditions.Condition;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link dev.klaxon.rules.RuleConditions}: closed windows through the pieces the evaluator uses —
 * {@link Rule#selects}, {@link WindowSample#sample}, {@link Sample#combine}, {@link Rule#breaches}, and for
 * spend {@link SpikeAlerts#measure} and {@link CostPerRequestAlerts#measure} on in-memory history and pairs
 * instead of the stores. One window's samples of one alert are combined whole, as the evaluator's state
 * holds them once the window's last series arrived.
 */
public final class ClosedWindowConditions {

  private final Map<String, Alert> alerts = new LinkedHashMap<>();

  private ClosedWindowConditions() {}

  public static List<Condition> of(RuleSet rules, Duration windowSize, List<RequestWindow> requests,
      List<LogWindow> logs, List<SpendWindow> spend) {
    ClosedWindowConditions conditions = new ClosedWindowConditions();
    List<Rule> windowRules = rules.rules().stream()
        .filter(r -> r.metric().source() == Metric.Source.REQUESTS || r.metric().source() == Metric.Source.LOGS).toList();
    List<WindowSample> windows = new ArrayList<>();
    requests.forEach(w -> windows.add(WindowSample.of(w, true, w.getWindowStart())));
    logs.forEach(w -> windows.add(WindowSample.of(w, true, w.getWindowStart())));
    for (WindowSample window : windows) {
      if (window.sizeMs() != windowSize.toMillis()) {
        continue; // rules count windows of one size
      }
      for (Rule rule : windowRules) {
        if (rule.metric().source() == window.source() && rule.selects(window.series())) {
          conditions.add(rule, window, window.sample(rule));
        }
      }
    }
    conditions.spikes(new SpikeAlerts(rules.forMetric(Metric.SPEND_SPIKE)), spend);
    conditions.costPerRequest(new CostPerRequestAlerts(rules.forMetric(Metric.SPEND_COST_PER_REQUEST)), spend,
        windows);
    return conditions.decide();
  }

  /** Each series' windows in order through one history per series, as the {@code spend-history} store keeps it. */
  private void spikes(SpikeAlerts spikes, List<SpendWindow> spend) {
    Map<String, SpendHistory> histories = new HashMap<>();
    spend.stream().map(w -> SpendSample.of(w, true, w.getWindowStart()))
        .sorted(Comparator.comparingLong(SpendSample::windowStart))
        .filter(spikes::watches)
        .forEach(sample -> spikes.measure(sample,
            histories.computeIfAbsent(SpikeAlerts.historyKey(sample), k -> new SpendHistory()), 0L,
            (machine, window, value) -> add(machine.rule(), window, value)));
  }

  /** A service's minute of spend paired with its whole-service request windows, whichever came first live. */
  private void costPerRequest(CostPerRequestAlerts costPerRequest, List<SpendWindow> spend,
      List<WindowSample> windows) {
    Map<String, RequestPair> pairs = new TreeMap<>();
    spend.stream().map(w -> SpendSample.of(w, true, w.getWindowStart())).filter(costPerRequest::pairs)
        .forEach(s -> pairs.computeIfAbsent(s.service() + '|' + s.windowStart(), k -> new RequestPair()).costUsd =
            s.costUsd().toPlainString());
    windows.stream().filter(costPerRequest::pairs)
        .forEach(w -> pairs.computeIfAbsent(w.service() + '|' + w.windowStart(), k -> new RequestPair())
            .requests.put(w.environment() == null ? "" : w.environment(), w.count()));
    pairs.forEach((key, pair) -> {
      int bar = key.lastIndexOf('|');
      costPerRequest.measure(key.substring(0, bar), Long.parseLong(key.substring(bar + 1)), pair,
          (machine, window, value) -> add(machine.rule(), window, value));
    });
  }

  private void add(Rule rule, WindowSample window, Sample sample) {
    String fingerprint = rule.fingerprint(window.series());
    Alert alert = alerts.computeIfAbsent(rule.name() + '\u0000' + fingerprint,
        k -> new Alert(rule, fingerprint, rule.alertLabels(window.series())));
    alert.windows.computeIfAbsent(window.windowStart(), start -> new Window(window.windowEnd()))
        .samples.put(window.seriesId(), sample);
  }

  private List<Condition> decide() {
    List<Condition> out = new ArrayList<>();
    alerts.values().stream().sorted(Comparator.comparing((Alert a) -> a.rule.name()).thenComparing(a -> a.fingerprint))
        .forEach(alert -> alert.windows.forEach((start, window) -> {
          Sample combined = Sample.combine(alert.rule, window.samples.values());
          out.add(new Condition(alert.rule.name(), alert.fingerprint, alert.labels, start, window.end,
              combined.value(), combined.count(), alert.rule.breaches(combined.value(), combined.count())));
        }));
    return out;
  }

  private static final class Alert {
    final Rule rule;
    final String fingerprint;
    final Map<String, String> labels;
    final TreeMap<Long, Window> windows = new TreeMap<>();

    Alert(Rule rule, String fingerprint, Map<String, String> labels) {
      this.rule = rule;
      this.fingerprint = fingerprint;
      this.labels = labels;
    }
  }

  private static final class Window {
    final long end;
    final Map<String, Sample> samples = new LinkedHashMap<>();

    Window(long end) {
      this.end = end;
    }
  }
}

package dev.klaxon.exporter.internal;

import dev.klaxon.schemas.Alert;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Collects gauge data points by metric name, then builds one snapshot per metric. */
public final class Gauges {

  private final Map<String, GaugeSnapshot.Builder> byName = new LinkedHashMap<>();

  /** {@code help} is taken from the first data point of a metric; later ones may pass null. */
  public void add(String name, String help, Labels labels, double value) {
    byName.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help))
        .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
  }

  public MetricSnapshots.Builder snapshots() {
    MetricSnapshots.Builder builder = MetricSnapshots.builder();
    byName.values().forEach(b -> builder.metricSnapshot(b.build()));
    return builder;
  }

  /**
   * Labels of a firing alert as Prometheus's {@code ALERTS} has them: {@code alertname}, {@code alertstate},
   * {@code severity}, then the alert's own labels whose names are valid Prometheus label names (others,
   * and any that would override these, are left out).
   */
  public static Labels alertLabels(Alert alert) {
    Map<String, String> labels = new TreeMap<>();
    alert.getLabels().forEach((name, value) -> {
      if (PrometheusNaming.isValidLabelName(name) && !name.startsWith("__")) {
        labels.put(name, value);
      }
    });
    labels.put("alertname", alert.getRule());
    labels.put("alertstate", "firing");
    labels.put("severity", alert.getSeverity().name());
    return Labels.of(labels.keySet().toArray(String[]::new), labels.values().toArray(String[]::new));
  }
}

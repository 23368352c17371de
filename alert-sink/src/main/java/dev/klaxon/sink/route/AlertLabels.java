package dev.klaxon.sink.route;

import dev.klaxon.schemas.Alert;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels routing, grouping, inhibition and silences see: the alert's own labels plus
 * {@code alertname} (the rule) and {@code severity}, unless the labels set them already. So
 * Alertmanager-style matchers such as {@code severity="critical"} work on Klaxon alerts.
 */
public final class AlertLabels {

  private AlertLabels() {}

  public static Map<String, String> of(Alert alert) {
    TreeMap<String, String> labels = new TreeMap<>();
    alert.getLabels().forEach((k, v) -> labels.put(k.toString(), v.toString()));
    labels.putIfAbsent("alertname", alert.getRule().toString());
    labels.putIfAbsent("severity", alert.getSeverity().name());
    return labels;
  }
}

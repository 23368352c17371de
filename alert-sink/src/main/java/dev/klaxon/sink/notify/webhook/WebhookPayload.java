package dev.klaxon.sink.notify.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.internal.GroupView;
import dev.klaxon.sink.notify.internal.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's webhook body, version "4", so receivers written for Alertmanager work unchanged.
 * Each alert's labels gain {@code alertname} (the rule) and {@code severity} when absent, because
 * such receivers read them from labels. Klaxon adds {@code value} and {@code threshold} to each
 * alert; Alertmanager consumers ignore fields they do not know.
 */
final class WebhookPayload {

  /** What Alertmanager sends as endsAt of an alert that still fires (Go's zero time). */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final int maxAlerts;
  private final String externalUrl;

  WebhookPayload(int maxAlerts, String externalUrl) {
    this.maxAlerts = maxAlerts;
    this.externalUrl = externalUrl;
  }

  ObjectNode render(AlertGroup group) {
    GroupView view = new GroupView(group);
    List<Alert> alerts = view.ordered();
    List<Alert> sent = maxAlerts > 0 && alerts.size() > maxAlerts ? alerts.subList(0, maxAlerts) : alerts;
    List<Map<String, String>> labels = alerts.stream().map(WebhookPayload::labels).toList();

    ObjectNode body = Json.object();
    body.put("version", "4");
    body.put("groupKey", group.groupKey());
    body.put("truncatedAlerts", alerts.size() - sent.size());
    body.put("status", view.status());
    body.put("receiver", group.receiver());
    body.set("groupLabels", Json.sortedObject(group.groupLabels()));
    body.set("commonLabels", Json.sortedObject(commonOf(labels)));
    body.set("commonAnnotations", Json.sortedObject(view.commonAnnotations()));
    body.put("externalURL", externalUrl);
    ArrayNode items = Json.array();
    sent.forEach(alert -> items.add(alert(alert)));
    body.set("alerts", items);
    return body;
  }

  private static ObjectNode alert(Alert alert) {
    ObjectNode node = Json.object();
    node.put("status", alert.getStatus().name());
    node.set("labels", Json.sortedObject(labels(alert)));
    node.set("annotations", Json.sortedObject(GroupView.stringMap(alert.getAnnotations())));
    node.put("startsAt", Instant.ofEpochMilli(alert.getStartsAt()).toString());
    node.put("endsAt", alert.getStatus() == AlertStatus.resolved && alert.getEndsAt() != null
        ? Instant.ofEpochMilli(alert.getEndsAt()).toString() : ZERO_TIME);
    node.put("generatorURL", "");
    node.put("fingerprint", alert.getFingerprint());
    node.put("value", alert.getValue());
    node.put("threshold", alert.getThreshold());
    return node;
  }

  private static Map<String, String> labels(Alert alert) {
    Map<String, String> labels = new TreeMap<>(GroupView.stringMap(alert.getLabels()));
    labels.putIfAbsent("alertname", alert.getRule());
    labels.putIfAbsent("severity", alert.getSeverity().name());
    return labels;
  }

  private static Map<String, String> commonOf(List<Map<String, String>> maps) {
    if (maps.isEmpty()) {
      return Map.of();
    }
    Map<String, String> common = new TreeMap<>(maps.get(0));
    maps.forEach(map -> common.entrySet().removeIf(e -> !e.getValue().equals(map.get(e.getKey()))));
    return common;
  }
}

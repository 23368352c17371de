package dev.klaxon.sink.notify;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts and groups with fixed times, so golden files never change between runs. */
public final class Fixtures {

  public static final Instant STARTS = Instant.parse("2025-03-01T12:00:00Z");
  public static final Instant ENDS = Instant.parse("2025-03-01T12:12:00Z");

  private Fixtures() {}

  public static Alert latency(Severity severity, AlertStatus status, String service, String route, double value) {
    return Alert.newBuilder()
        .setFingerprint("fp-" + service + "-" + route)
        .setRule("HighP95Latency")
        .setSeverity(severity)
        .setStatus(status)
        .setLabels(Map.of("service", service, "route", route, "environment", "production"))
        .setAnnotations(Map.of(
            "summary", "p95 latency " + (long) value + "ms on " + service + " " + route,
            "description", "Requests are slow. Check the latest deploy and the database pool; roll back if the deploy is recent.",
            "runbook", "https://runbooks.example.com/high-p95-latency"))
        .setValue(value)
        .setThreshold(severity == Severity.critical ? 2000 : 1000)
        .setStartsAt(STARTS.toEpochMilli())
        .setEndsAt(status == AlertStatus.resolved ? ENDS.toEpochMilli() : null)
        .build();
  }

  public static Alert errorRate(Severity severity, AlertStatus status, String service) {
    return Alert.newBuilder()
        .setFingerprint("fp-errors-" + service)
        .setRule("HighErrorRate")
        .setSeverity(severity)
        .setStatus(status)
        .setLabels(Map.of("service", service, "metric", "requests.errorRate"))
        .setAnnotations(Map.of("summary", "5xx error rate above 1% on " + service))
        .setValue(0.0123)
        .setThreshold(0.01)
        .setStartsAt(STARTS.plusSeconds(60).toEpochMilli())
        .setEndsAt(status == AlertStatus.resolved ? ENDS.toEpochMilli() : null)
        .build();
  }

  /** Two critical latency alerts of checkout and one warning error rate. */
  public static AlertGroup firingGroup() {
    return new AlertGroup("{}/{severity=\"critical\"}:{service=\"checkout\"}", "oncall", Map.of("service", "checkout"), List.of(
        errorRate(Severity.warning, AlertStatus.firing, "checkout"),
        latency(Severity.critical, AlertStatus.firing, "checkout", "/api/pay", 2350),
        latency(Severity.critical, AlertStatus.firing, "checkout", "/api/cart", 2100)));
  }

  public static AlertGroup resolvedGroup() {
    return new AlertGroup("{}/{severity=\"critical\"}:{service=\"checkout\"}", "oncall", Map.of("service", "checkout"), List.of(
        latency(Severity.critical, AlertStatus.resolved, "checkout", "/api/pay", 2350)));
  }

  /** {@code count} firing alerts of one group, one per route. */
  public static AlertGroup manyAlerts(int count, String longText) {
    List<Alert> alerts = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      Alert alert = latency(Severity.warning, AlertStatus.firing, "search", "/r" + i, 1500 + i);
      alert.setAnnotations(Map.of("summary", "slow route " + i, "description", longText));
      alerts.add(alert);
    }
    return new AlertGroup("group-many", "team", Map.of("service", "search"), alerts);
  }

  public static AlertGroup group(String key, Alert... alerts) {
    return new AlertGroup(key, "team", Map.of(), List.of(alerts));
  }
}

package dev.klaxon.sink.testing;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Alert transitions for tests. */
public final class Alerts {

  private Alerts() {}

  public static Alert firing(String fingerprint, String rule, Severity severity, Instant startsAt, String... labels) {
    return build(fingerprint, rule, severity, AlertStatus.firing, startsAt, null, labels);
  }

  public static Alert resolved(Alert firing, Instant endsAt) {
    return Alert.newBuilder(firing).setStatus(AlertStatus.resolved).setEndsAt(endsAt.toEpochMilli()).build();
  }

  private static Alert build(String fingerprint, String rule, Severity severity, AlertStatus status, Instant startsAt,
      Instant endsAt, String... labels) {
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return Alert.newBuilder().setFingerprint(fingerprint).setRule(rule).setSeverity(severity).setStatus(status)
        .setLabels(map).setAnnotations(Map.of("summary", rule + " on " + map.getOrDefault("service", "?")))
        .setValue(2500).setThreshold(2000).setStartsAt(startsAt.toEpochMilli())
        .setEndsAt(endsAt == null ? null : endsAt.toEpochMilli()).build();
  }
}

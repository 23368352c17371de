package dev.klaxon.sink.group;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.sink.config.RouteConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one group key and its timer, with Alertmanager's timing: the first flush
 * {@code group_wait} after the group appears (at once if its alert has already been firing that
 * long, e.g. after a restart), then one every {@code group_interval}. Whether a flush is actually
 * sent (changed, or unchanged for {@code repeat_interval}) is the notification log's decision.
 * Not thread-safe: the dispatcher's thread owns it.
 */
final class AggregationGroup {

  private final String key;
  private final RouteConfig route;
  private final Map<String, String> groupLabels;
  /** By fingerprint; the latest transition of each alert. */
  private final Map<String, Alert> alerts = new LinkedHashMap<>();
  private Instant nextFlush;
  private boolean flushed;
  private boolean inFlight;

  AggregationGroup(String key, RouteConfig route, Map<String, String> groupLabels, Instant now) {
    this.key = key;
    this.route = route;
    this.groupLabels = Map.copyOf(groupLabels);
    this.nextFlush = now.plus(route.groupWait());
  }

  void insert(Alert alert, Instant now) {
    alerts.put(alert.getFingerprint().toString(), alert);
    // An alert that has been firing longer than group_wait (a restart, a slow pipeline) is not held back again.
    if (!flushed && Instant.ofEpochMilli(alert.getStartsAt()).plus(route.groupWait()).isBefore(now)
        && now.isBefore(nextFlush)) {
      nextFlush = now;
    }
  }

  /** Alerts known from before a restart: the timer resumes from the last notification, not from zero. */
  void resumeAfter(Instant lastNotified, Instant now) {
    flushed = true;
    Instant next = lastNotified.plus(route.groupInterval());
    nextFlush = next.isBefore(now) ? now : next;
  }

  void remove(String fingerprint) {
    alerts.remove(fingerprint);
  }

  /** Flushed and not yet completed: its notifications are still queued or retrying. */
  boolean isInFlight() {
    return inFlight;
  }

  boolean isDue(Instant now) {
    return !inFlight && !alerts.isEmpty() && !nextFlush.isAfter(now);
  }

  /** Takes a snapshot for notification and starts the next group_interval. */
  Flush flush(Instant now) {
    flushed = true;
    inFlight = true;
    nextFlush = now.plus(route.groupInterval());
    return new Flush(key, route, groupLabels, List.copyOf(alerts.values()), now);
  }

  /**
   * The flush is done. After a successful one, resolved alerts it carried are forgotten unless they
   * changed meanwhile (they fired again), as Alertmanager does; after a failure they stay, so the
   * next flush sends the resolved notice again.
   */
  List<Alert> completed(Flush flush, boolean delivered) {
    inFlight = false;
    if (!delivered) {
      return List.of();
    }
    List<Alert> removed = new java.util.ArrayList<>();
    for (Alert sent : flush.alerts()) {
      String fp = sent.getFingerprint().toString();
      if (sent.getStatus() == AlertStatus.resolved && sent.equals(alerts.get(fp))) {
        alerts.remove(fp);
        removed.add(sent);
      }
    }
    return removed;
  }

  boolean isEmpty() {
    return alerts.isEmpty() && !inFlight;
  }

  Instant nextFlush() {
    return nextFlush;
  }

  String key() {
    return key;
  }

  int size() {
    return alerts.size();
  }
}

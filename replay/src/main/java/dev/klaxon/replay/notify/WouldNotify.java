package dev.klaxon.replay.notify;

import java.util.List;
import java.util.Map;

/**
 * A notification the sink's routing would have sent: when (event time), to which receiver and through
 * which of its integrations, for which group, and the alerts it would have carried.
 *
 * @param integration the receiver's entry as the notification log names it, e.g. {@code slack[0]}
 * @param type the integration type: {@code slack}, {@code discord}, {@code pagerduty}, {@code webhook}, {@code log}
 * @param status {@code firing} while any of its alerts fires, else {@code resolved}
 */
public record WouldNotify(long at, String receiver, String integration, String type, String groupKey,
    Map<String, String> groupLabels, String status, List<NotifiedAlert> alerts) {

  public WouldNotify {
    groupLabels = Map.copyOf(groupLabels);
    alerts = List.copyOf(alerts);
  }

  /** One alert of a notification. */
  public record NotifiedAlert(String fingerprint, String rule, String severity, String status, String summary,
      double value, double threshold) {}
}

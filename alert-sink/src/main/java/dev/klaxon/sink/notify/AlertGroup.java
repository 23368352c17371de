package dev.klaxon.sink.notify;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import java.util.List;
import java.util.Map;

/**
 * What one notification is about: the current alerts of one group, for one receiver.
 *
 * @param groupKey stable id of the group (route + group_by label values); PagerDuty's dedup_key
 * @param receiver receiver name from the routing config
 * @param groupLabels the group_by labels and their values
 * @param alerts the group's alerts, firing and just-resolved
 */
public record AlertGroup(String groupKey, String receiver, Map<String, String> groupLabels, List<Alert> alerts) {

  public AlertGroup {
    groupLabels = Map.copyOf(groupLabels);
    alerts = List.copyOf(alerts);
  }

  public List<Alert> firing() {
    return alerts.stream().filter(a -> a.getStatus() == AlertStatus.firing).toList();
  }

  public List<Alert> resolved() {
    return alerts.stream().filter(a -> a.getStatus() == AlertStatus.resolved).toList();
  }

  /** A resolved notice: nothing in the group is firing any more. */
  public boolean isResolved() {
    return firing().isEmpty();
  }
}

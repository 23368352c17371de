package dev.klaxon.sink.group;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.config.RouteConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A group's alerts at one group_wait/group_interval tick, to be muted, de-duplicated and sent. */
public record Flush(String groupKey, RouteConfig route, Map<String, String> groupLabels, List<Alert> alerts,
    Instant at) {

  public Flush {
    groupLabels = Map.copyOf(groupLabels);
    alerts = List.copyOf(alerts);
  }
}

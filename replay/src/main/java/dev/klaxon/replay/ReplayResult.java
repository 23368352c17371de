package dev.klaxon.replay;

import dev.klaxon.replay.notify.WouldNotify;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import java.time.Duration;
import java.util.List;

/**
 * Everything a replay recomputed for its range, in event-time order: closed windows wholly inside
 * the range, alert transitions, the notifications the routing would have sent.
 *
 * @param runId names the replay's topics ({@code klaxon-replay-<runId>.*}), kept with {@code --keep}
 * @param eventsRead input records read from the live topics
 * @param eventsReplayed records written to the replay's inputs (after {@code --services})
 * @param copyTime planning, creating the replay's topics and copying the range
 * @param metricsTime the metrics and spend app, from start to all input consumed
 * @param rulesTime the alert evaluator, from start to all windows consumed
 * @param totalTime from start to results
 */
public record ReplayResult(ReplayRequest request, String runId, long eventsRead, long eventsReplayed,
    List<RequestWindow> requestWindows, List<LogWindow> logWindows, List<SpendWindow> spendWindows,
    List<AlertTransition> transitions, List<WouldNotify> notifications, Duration copyTime, Duration metricsTime, Duration rulesTime,
    Duration totalTime) {

  public ReplayResult {
    requestWindows = List.copyOf(requestWindows);
    logWindows = List.copyOf(logWindows);
    spendWindows = List.copyOf(spendWindows);
    transitions = List.copyOf(transitions);
    notifications = List.copyOf(notifications);
  }

  public long firedCount() {
    return transitions.stream().filter(AlertTransition::firing).count();
  }

  public long resolvedCount() {
    return transitions.size() - firedCount();
  }
}

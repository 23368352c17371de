package dev.klaxon.sink.group;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.config.RouteConfig;
import dev.klaxon.sink.route.AlertLabels;
import dev.klaxon.sink.route.GroupKeys;
import dev.klaxon.sink.route.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Puts alerts into aggregation groups (route + group_by label values) and flushes each group when
 * its timer is due. Single-threaded by design: one thread calls {@link #insert} and {@link #tick};
 * the flush handler may complete on any thread, its completion is applied at the next tick. Time
 * comes only from the {@link Clock}, so tests drive it exactly.
 */
public final class Dispatcher {

  /** Receives due groups. */
  public interface FlushHandler {

    /** Sends (or not) {@code flush}; must eventually call {@code done} once, from any thread. */
    void flush(Flush flush, Completion done);

    /** Resolved alerts that were notified and left their group; the group is gone when it has none left. */
    default void forgotten(String groupKey, List<Alert> alerts, boolean groupRemoved) {}
  }

  @FunctionalInterface
  public interface Completion {
    /** @param delivered every integration that had to send did */
    void done(boolean delivered);
  }

  private final Router router;
  private final Clock clock;
  private final FlushHandler handler;
  private final Map<String, AggregationGroup> groups = new HashMap<>();
  private final Queue<Runnable> completions = new ConcurrentLinkedQueue<>();

  public Dispatcher(Router router, Clock clock, FlushHandler handler) {
    this.router = router;
    this.clock = clock;
    this.handler = handler;
  }

  /** Routes {@code alert} and adds it to the group of every matching route; returns the group keys. */
  public List<String> insert(Alert alert) {
    Map<String, String> labels = AlertLabels.of(alert);
    List<String> keys = new ArrayList<>();
    for (RouteConfig route : router.match(labels)) {
      Map<String, String> groupLabels = route.groupBy().groupLabels(labels);
      String key = GroupKeys.of(route, groupLabels);
      insert(key, route, groupLabels, alert);
      keys.add(key);
    }
    return keys;
  }

  /**
   * Adds an alert already routed to {@code groupKey} (by another instance, through the group topic).
   * Returns false when the key's route is no longer in the config.
   */
  public boolean insert(String groupKey, Alert alert) {
    Optional<RouteConfig> route = router.byKey(GroupKeys.routeKeyOf(groupKey));
    if (route.isEmpty()) {
      return false;
    }
    insert(groupKey, route.get(), route.get().groupBy().groupLabels(AlertLabels.of(alert)), alert);
    return true;
  }

  private void insert(String key, RouteConfig route, Map<String, String> groupLabels, Alert alert) {
    Instant now = clock.instant();
    groups.computeIfAbsent(key, k -> new AggregationGroup(k, route, groupLabels, now)).insert(alert, now);
  }

  /** Forgets an alert of a group (its state was deleted); an emptied group goes too. */
  public void remove(String groupKey, String fingerprint) {
    AggregationGroup group = groups.get(groupKey);
    if (group != null) {
      group.remove(fingerprint);
      if (group.isEmpty()) {
        groups.remove(groupKey);
      }
    }
  }

  /** Group keys currently held. */
  public java.util.Set<String> groupKeys() {
    return java.util.Set.copyOf(groups.keySet());
  }

  /** After a restart: the group was last notified at {@code lastNotified}; its next flush follows from that. */
  public void resume(String groupKey, Instant lastNotified) {
    AggregationGroup group = groups.get(groupKey);
    if (group != null) {
      group.resumeAfter(lastNotified, clock.instant());
    }
  }

  /** Applies finished notifications, then flushes every due group. */
  public void tick() {
    for (Runnable completion; (completion = completions.poll()) != null; ) {
      completion.run();
    }
    Instant now = clock.instant();
    for (AggregationGroup group : List.copyOf(groups.values())) {
      if (group.isDue(now)) {
        Flush flush = group.flush(now);
        handler.flush(flush, delivered -> completions.add(() -> complete(group, flush, delivered)));
      }
    }
    for (Runnable completion; (completion = completions.poll()) != null; ) {
      completion.run(); // handlers that finish at once (tests, nothing to send) settle in the same tick
    }
  }

  private void complete(AggregationGroup group, Flush flush, boolean delivered) {
    List<Alert> removed = group.completed(flush, delivered);
    boolean gone = group.isEmpty() && groups.get(group.key()) == group;
    if (gone) {
      groups.remove(group.key());
    }
    if (!removed.isEmpty() || gone) {
      handler.forgotten(group.key(), removed, gone);
    }
  }

  /**
   * When the next group is due, if any: how long the caller may wait for new alerts. Groups in
   * flight do not count (delivery may retry for minutes; their completion is applied at the next
   * tick, which the caller runs at its own pace), so a past due time never makes the caller spin.
   */
  public Optional<Instant> nextDue() {
    return groups.values().stream().filter(g -> !g.isInFlight()).map(AggregationGroup::nextFlush)
        .min(Instant::compareTo);
  }

  /** Drops groups this instance no longer owns (their partition moved to another instance). */
  public void dropGroups(Predicate<String> groupKey) {
    groups.keySet().removeIf(groupKey);
  }

  public int groupCount() {
    return groups.size();
  }

  public boolean hasGroup(String groupKey) {
    return groups.containsKey(groupKey);
  }
}

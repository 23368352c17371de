package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pending notifications of one destination, in arrival order, at most one per group: a newer state
 * of a queued group replaces it in place (latest state wins, the group keeps its turn). Unbounded
 * on purpose — the number of groups is bounded by the routing, and nothing is ever dropped.
 */
final class CoalescingQueue {

  private final Map<String, AlertGroup> pending = new LinkedHashMap<>();

  /** @return true when the group replaced an older queued state of itself */
  synchronized boolean offer(AlertGroup group) {
    boolean replaced = pending.put(group.groupKey(), group) != null;
    notifyAll();
    return replaced;
  }

  synchronized AlertGroup take() throws InterruptedException {
    while (pending.isEmpty()) {
      wait();
    }
    Iterator<AlertGroup> first = pending.values().iterator();
    AlertGroup group = first.next();
    first.remove();
    return group;
  }

  /** A newer state of {@code groupKey} that arrived while an older one was being delivered. */
  synchronized Optional<AlertGroup> takeNewer(String groupKey) {
    return Optional.ofNullable(pending.remove(groupKey));
  }

  synchronized int size() {
    return pending.size();
  }
}

package dev.klaxon.cost.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Open windows of one task by the event time they close at (end + grace), so closing finds the due
 * ones without scanning the store: a store of every user's month windows is large, and minute windows
 * close every minute. Keys only; the windows stay in the store.
 */
final class CloseSchedule {

  private final TreeMap<Long, Set<String>> byCloseTime = new TreeMap<>();

  void add(long closesAt, String key) {
    byCloseTime.computeIfAbsent(closesAt, t -> new TreeSet<>()).add(key);
  }

  /** The latest close time at or before {@code time}, or null when no window closes by then. */
  Long latestDueBy(long time) {
    return byCloseTime.floorKey(time);
  }

  /**
   * Removes and returns the keys of the windows closing at or before {@code watermark}: earliest
   * close first (so a series' windows come in order, shorter before longer), then by key.
   */
  List<String> takeDue(long watermark) {
    List<String> due = new ArrayList<>();
    Map<Long, Set<String>> closing = byCloseTime.headMap(watermark, true);
    closing.values().forEach(due::addAll);
    closing.clear();
    return due;
  }
}

package dev.klaxon.cli;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendKey;
import dev.klaxon.schemas.SpendWindow;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The day's spend per user across providers, from the aggregator's day windows (running totals of
 * the open day, then the closed one), for the demo's table. Running totals of one window arrive in
 * growing order per series, but the topics' partitions interleave, so the total with the most events
 * wins. A newer day replaces the older one. Not thread-safe: one reader thread.
 */
final class TopSpenders {

  private static final String ROW_FORMAT = "  %-16s %12s %8d %12s%n";

  private final Map<String, SpendWindow> byUser = new HashMap<>();
  private long dayStart = Long.MIN_VALUE;

  /** Takes a spend window if it is a user's total of the current (or a newer) day; others are ignored. */
  void accept(SpendWindow window) {
    boolean userTotal = window.getService() == null && SpendKey.ALL.equals(window.getProvider())
        && !SpendKey.ALL.equals(window.getUserId());
    if (!userTotal || !Granularity.DAY.label().equals(window.getGranularity()) || window.getWindowStart() < dayStart) {
      return;
    }
    if (window.getWindowStart() > dayStart) {
      dayStart = window.getWindowStart();
      byUser.clear();
    }
    byUser.merge(window.getUserId(), window, (old, now) -> now.getEvents() >= old.getEvents() ? now : old);
  }

  List<SpendWindow> top(int limit) {
    return byUser.values().stream()
        .sorted(Comparator.comparing(SpendWindow::getCostUsd).reversed().thenComparing(SpendWindow::getUserId))
        .limit(limit).toList();
  }

  /** A small table of the top {@code limit} users, or nothing before any spend arrived. */
  String render(int limit) {
    List<SpendWindow> top = top(limit);
    if (top.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "top spenders today (UTC), all providers:%n"));
    out.append(String.format(Locale.ROOT, "  %-16s %12s %8s %12s%n", "user", "USD", "calls", "tokens"));
    for (SpendWindow w : top) {
      Double tokens = w.getUnits().get("tokens");
      out.append(String.format(Locale.ROOT, ROW_FORMAT, WindowTable.truncate(w.getUserId(), 16),
          w.getCostUsd().setScale(2, RoundingMode.HALF_UP).toPlainString(), w.getEvents(),
          tokens == null ? "-" : String.format(Locale.ROOT, "%,.0f", tokens)));
    }
    return out.toString();
  }
}

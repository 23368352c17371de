package dev.klaxon.replay.report;

import dev.klaxon.replay.notify.WouldNotify;
import java.util.List;
import java.util.Map;

/**
 * What a replay report shows, as one record tree: the HTML report embeds it as JSON and draws it,
 * {@code --format json} writes it as is. Times are epoch milliseconds (UTC); series are columnar
 * ({@code t[i]} goes with {@code p95[i]}), as charts take them.
 */
public record ReplayReport(Meta meta, Summary summary, List<RequestSeries> requests, List<Threshold> thresholds,
    List<LogSeries> errorLogs, List<SpendSeries> spend, List<SpendTotal> spendTotals, List<AlertTimeline> alerts,
    List<WouldNotify> notifications, List<WorstWindow> worstWindows) {

  /** @param windowMs size of the windows every series is made of */
  public record Meta(String runId, long from, long to, long windowMs, List<String> services, String rules,
      String routing, long generatedAt) {}

  /** @param pendingNotFired pending spans that ended without firing: thresholds nearly crossed */
  public record Summary(long eventsRead, long eventsReplayed, int requestWindows, int logWindows, int spendWindows,
      long alertsFired, long alertsResolved, long pendingNotFired, int notifications, double seconds) {}

  /**
   * One (service, route, environment) series; route {@code *} is the whole service, environment is empty
   * for events without one. Latencies in ms, rate per second.
   */
  public record RequestSeries(String service, String route, String environment, List<Long> t, List<Long> count, List<Double> ratePerSecond,
      List<Double> p50, List<Double> p95, List<Double> p99, List<Double> errorRatePercent, List<Long> errors5xx,
      List<Long> errors4xx) {}

  /**
   * A request or log rule's thresholds, drawn on the charts of the series it watches: {@code where} maps a
   * label to its allowed values (a series without the label is not watched), {@code by} says whether the
   * rule watches whole services or routes.
   */
  public record Threshold(String rule, String metric, String comparison, Double warning, Double critical,
      Map<String, List<String>> where, List<String> by) {}

  /** Error and fatal log lines per window of one service. */
  public record LogSeries(String service, String level, List<Long> t, List<Long> count) {}

  /** Spend in USD per minute of one user at one provider. */
  public record SpendSeries(String userId, String provider, List<Long> t, List<Double> usd) {}

  /** @param usd the exact sum, as a decimal string */
  public record SpendTotal(String userId, String provider, String usd, long events) {}

  /**
   * One alert (rule + its {@code by} labels): its spans in time order, and its transitions in order.
   * An alert whose condition held without firing has spans and no changes.
   */
  public record AlertTimeline(String fingerprint, String rule, Map<String, String> labels, List<AlertSpan> spans,
      List<AlertChange> changes) {}

  /**
   * A stretch of one state at one severity. {@code pending}: the rule's condition held on closed windows,
   * not yet for its {@code for} (from the first such window's start); {@code firing}: from a transition to
   * the next. {@code endedBy}: {@code fired} or {@code condition ended} for pending; {@code escalated},
   * {@code de-escalated}, {@code resolved} or {@code end of range} for firing.
   */
  public record AlertSpan(long from, long to, String state, String severity, String endedBy) {}

  /** @param kind {@code fired}, {@code escalated}, {@code de-escalated} or {@code resolved} */
  public record AlertChange(long at, String kind, String status, String severity, double value, double threshold,
      String summary) {}

  /** A window that stood out, and why it is listed. */
  public record WorstWindow(String service, String route, long start, long count, double p95, double p99,
      double errorRatePercent, long errors5xx, String reason) {}
}

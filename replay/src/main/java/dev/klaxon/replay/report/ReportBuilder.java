package dev.klaxon.replay.report;

import dev.klaxon.replay.ReplayResult;
import dev.klaxon.replay.report.ReplayReport.AlertTimeline;
import dev.klaxon.replay.report.ReplayReport.LogSeries;
import dev.klaxon.replay.report.ReplayReport.RequestSeries;
import dev.klaxon.replay.report.ReplayReport.SpendSeries;
import dev.klaxon.replay.report.ReplayReport.SpendTotal;
import dev.klaxon.replay.report.ReplayReport.Threshold;
import dev.klaxon.replay.report.ReplayReport.WorstWindow;
import dev.klaxon.rules.Metric;
import dev.klaxon.rules.RuleConditions;
import dev.klaxon.rules.RuleConditions.Condition;
import dev.klaxon.rules.Rule;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** A replay's results → the report's record tree. Pure: the same result gives the same report. */
public final class ReportBuilder {

  /** Windows with fewer requests are not "worst": a p95 of three requests says little (the shipped rules' minCount). */
  static final long WORST_MIN_COUNT = 20;
  static final int WORST_ROWS = 10;

  private ReportBuilder() {}

  /** @param rulesSource and {@code routingSource} name the files used, for the header */
  public static ReplayReport build(ReplayResult result, String rulesSource, String routingSource, long generatedAt) {
    var range = result.request().range();
    long windowMs = range.window().toMillis();
    TreeSet<String> services = new TreeSet<>();
    result.requestWindows().forEach(w -> services.add(w.getService()));
    result.logWindows().forEach(w -> services.add(w.getService()));
    var meta = new ReplayReport.Meta(result.runId(), range.start().toEpochMilli(), range.end().toEpochMilli(), windowMs,
        List.copyOf(services), rulesSource, routingSource, generatedAt);
    List<AlertTimeline> alerts = alerts(result);
    long pendingNotFired = alerts.stream().flatMap(a -> a.spans().stream())
        .filter(span -> span.state().equals(AlertSpans.PENDING) && !span.endedBy().equals(AlertSpans.FIRED)).count();
    var summary = new ReplayReport.Summary(result.eventsRead(), result.eventsReplayed(), result.requestWindows().size(),
        result.logWindows().size(), result.spendWindows().size(), result.firedCount(), result.resolvedCount(),
        pendingNotFired, result.notifications().size(), result.totalTime().toMillis() / 1000.0);
    return new ReplayReport(meta, summary, requestSeries(result.requestWindows(), windowMs),
        thresholds(result.request().rules().rules()), errorLogs(result.logWindows()), spend(result.spendWindows()),
        spendTotals(result.spendWindows()), alerts, result.notifications(), worst(result.requestWindows()));
  }

  static List<RequestSeries> requestSeries(List<RequestWindow> windows, long windowMs) {
    Map<String, List<RequestWindow>> bySeries = new TreeMap<>();
    windows.forEach(w -> bySeries.computeIfAbsent(w.getService() + '\u0000' + w.getRoute() + '\u0000'
        + environment(w), k -> new ArrayList<>()).add(w));
    List<RequestSeries> out = new ArrayList<>();
    bySeries.values().forEach(list -> {
      list.sort(Comparator.comparingLong(RequestWindow::getWindowStart));
      RequestWindow first = list.get(0);
      out.add(new RequestSeries(first.getService(), first.getRoute(), environment(first),
          list.stream().map(RequestWindow::getWindowStart).toList(),
          list.stream().map(RequestWindow::getCount).toList(),
          list.stream().map(w -> round(w.getCount() * 1000.0 / windowMs)).toList(),
          list.stream().map(w -> round(w.getP50())).toList(),
          list.stream().map(w -> round(w.getP95())).toList(),
          list.stream().map(w -> round(w.getP99())).toList(),
          list.stream().map(w -> round(w.getErrorRate() * 100)).toList(),
          list.stream().map(RequestWindow::getErrors5xx).toList(),
          list.stream().map(RequestWindow::getErrors4xx).toList()));
    });
    return out;
  }

  private static String environment(RequestWindow w) {
    return w.getEnvironment() == null ? "" : w.getEnvironment();
  }

  static List<Threshold> thresholds(List<Rule> rules) {
    return rules.stream().filter(rule -> rule.metric().source() != Metric.Source.ABSENCE)
        .map(rule -> new Threshold(rule.name(), rule.metric().key(), rule.comparison().toString(),
            rule.warning().isPresent() ? rule.warning().getAsDouble() : null,
            rule.critical().isPresent() ? rule.critical().getAsDouble() : null,
            where(rule), rule.by()))
        .toList();
  }

  private static Map<String, List<String>> where(Rule rule) {
    Map<String, List<String>> out = new TreeMap<>();
    rule.where().allowed().forEach((label, values) -> out.put(label, values.stream().sorted().toList()));
    return out;
  }

  static List<LogSeries> errorLogs(List<LogWindow> windows) {
    Map<String, TreeMap<Long, Long>> byService = new TreeMap<>();
    windows.stream().filter(w -> w.getLevel() == LogLevel.error || w.getLevel() == LogLevel.fatal)
        .forEach(w -> byService.computeIfAbsent(w.getService(), k -> new TreeMap<>())
            .merge(w.getWindowStart(), w.getCount(), Long::sum));
    List<LogSeries> out = new ArrayList<>();
    byService.forEach((service, counts) ->
        out.add(new LogSeries(service, "error+fatal", List.copyOf(counts.keySet()), List.copyOf(counts.values()))));
    return out;
  }

  /** Per user at each provider (not the {@code *} totals), minute windows. */
  static List<SpendSeries> spend(List<SpendWindow> windows) {
    Map<String, TreeMap<Long, BigDecimal>> bySeries = new TreeMap<>();
    perUserAndProvider(windows).filter(w -> w.getGranularity().equals("minute"))
        .forEach(w -> bySeries.computeIfAbsent(w.getUserId() + '\u0000' + w.getProvider(), k -> new TreeMap<>())
            .merge(w.getWindowStart(), w.getCostUsd(), BigDecimal::add));
    List<SpendSeries> out = new ArrayList<>();
    bySeries.forEach((key, usd) -> {
      String[] parts = key.split("\u0000", 2);
      out.add(new SpendSeries(parts[0], parts[1], List.copyOf(usd.keySet()),
          usd.values().stream().map(BigDecimal::doubleValue).toList()));
    });
    return out;
  }

  /** Exact totals over the range, most spent first. */
  static List<SpendTotal> spendTotals(List<SpendWindow> windows) {
    Map<String, BigDecimal> usd = new TreeMap<>();
    Map<String, Long> events = new TreeMap<>();
    perUserAndProvider(windows).filter(w -> w.getGranularity().equals("minute")).forEach(w -> {
      String key = w.getUserId() + '\u0000' + w.getProvider();
      usd.merge(key, w.getCostUsd(), BigDecimal::add);
      events.merge(key, w.getEvents(), Long::sum);
    });
    return usd.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> {
          String[] parts = e.getKey().split("\u0000", 2);
          return new SpendTotal(parts[0], parts[1], e.getValue().stripTrailingZeros().toPlainString(), events.get(e.getKey()));
        })
        .toList();
  }

  private static java.util.stream.Stream<SpendWindow> perUserAndProvider(List<SpendWindow> windows) {
    return windows.stream().filter(w -> !w.getUserId().equals("*") && !w.getProvider().equals("*"));
  }

  /** Firing from the transitions; pending from the rules' conditions on the same closed windows. */
  static List<AlertTimeline> alerts(ReplayResult result) {
    var range = result.request().range();
    List<Condition> conditions = RuleConditions.of(result.request().rules(), range.window(), result.requestWindows(),
        result.logWindows(), result.spendWindows());
    return AlertSpans.timelines(result.transitions(), conditions, range.end().toEpochMilli());
  }

  /** The highest p95 and the highest error rates, among windows with enough requests to mean something. */
  static List<WorstWindow> worst(List<RequestWindow> windows) {
    List<RequestWindow> candidates = windows.stream().filter(w -> w.getCount() >= WORST_MIN_COUNT).toList();
    Map<String, WorstWindow> out = new LinkedHashMap<>();
    candidates.stream().sorted(Comparator.comparingDouble(RequestWindow::getP95).reversed()).limit(WORST_ROWS)
        .forEach(w -> out.putIfAbsent(key(w), worst(w, "highest p95")));
    candidates.stream().filter(w -> w.getErrors5xx() > 0)
        .sorted(Comparator.comparingDouble(RequestWindow::getErrorRate).reversed()).limit(WORST_ROWS)
        .forEach(w -> out.merge(key(w), worst(w, "highest error rate"),
            (a, b) -> worst(w, a.reason() + ", " + b.reason())));
    return List.copyOf(out.values());
  }

  private static String key(RequestWindow w) {
    return w.getService() + '|' + w.getRoute() + '|' + w.getWindowStart() + '|' + w.getEnvironment();
  }

  private static WorstWindow worst(RequestWindow w, String reason) {
    return new WorstWindow(w.getService(), w.getRoute(), w.getWindowStart(), w.getCount(), round(w.getP95()),
        round(w.getP99()), round(w.getErrorRate() * 100), w.getErrors5xx(), reason);
  }

  private static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

}

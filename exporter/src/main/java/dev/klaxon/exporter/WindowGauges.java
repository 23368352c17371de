package dev.klaxon.exporter;

import static dev.klaxon.exporter.ExportedMetrics.ALERTS;
import static dev.klaxon.exporter.ExportedMetrics.AUTH_FAILURES_PER_SECOND;
import static dev.klaxon.exporter.ExportedMetrics.LOG_EVENTS_PER_SECOND;
import static dev.klaxon.exporter.ExportedMetrics.REQUESTS_PER_SECOND;
import static dev.klaxon.exporter.ExportedMetrics.REQUEST_ERRORS_PER_SECOND;
import static dev.klaxon.exporter.ExportedMetrics.REQUEST_ERROR_RATIO;
import static dev.klaxon.exporter.ExportedMetrics.REQUEST_LATENCY;
import static dev.klaxon.exporter.ExportedMetrics.REQUEST_LATENCY_MAX;
import static dev.klaxon.exporter.ExportedMetrics.SERIES;
import static dev.klaxon.exporter.ExportedMetrics.SERIES_DROPPED;
import static dev.klaxon.exporter.ExportedMetrics.SERIES_LIMIT;
import static dev.klaxon.exporter.ExportedMetrics.SERVICE_SPEND;
import static dev.klaxon.exporter.ExportedMetrics.USER_SPEND;

import dev.klaxon.exporter.internal.Gauges;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The latest closed window of every request and log series, the running spend of the current day and
 * month, and the firing alerts, as Prometheus gauges built at scrape time.
 *
 * <p>Bounded: at most {@link ExporterConfig#maxSeries()} series are held; an update for a new series past
 * that is dropped and counted ({@code klaxon_exporter_series_dropped_total}), so a label explosion upstream
 * (a route with ids in it) cannot take the exporter's memory or Prometheus with it. Series go away on their
 * own: a request or log series whose window ended more than {@code staleAfter} ago, a spend total once its
 * day or month is over, an alert once resolved. Thread-safe: one thread feeds, scrapes read.
 */
public final class WindowGauges implements MultiCollector {

  private static final String ALL = "*";

  private final ExporterConfig config;
  private final LongSupplier clock;
  private final long windowMs;
  private final Map<String, RequestWindow> requests = new HashMap<>();
  private final Map<String, LogWindow> logs = new HashMap<>();
  private final Map<String, SpendWindow> spend = new HashMap<>();
  private final Map<String, Alert> alerts = new HashMap<>();
  private long dropped;

  public WindowGauges(ExporterConfig config, LongSupplier clock) {
    this.config = config;
    this.clock = clock;
    this.windowMs = config.window().toMillis();
  }

  public synchronized void accept(RequestWindow w) {
    if (w.getWindowEnd() - w.getWindowStart() == windowMs) {
      keepLatest(requests, w.getService() + '|' + w.getRoute() + '|' + w.getEnvironment(), w,
          (old, now) -> now.getWindowStart() >= old.getWindowStart());
    }
  }

  public synchronized void accept(LogWindow w) {
    if (w.getWindowEnd() - w.getWindowStart() == windowMs) {
      keepLatest(logs, w.getService() + '|' + w.getLevel() + '|' + w.getEnvironment(), w,
          (old, now) -> now.getWindowStart() >= old.getWindowStart());
    }
  }

  /** Day and month totals only, running or closed; the one of the latest period wins, then the most events. */
  public synchronized void accept(SpendWindow w) {
    if (!w.getGranularity().equals("day") && !w.getGranularity().equals("month")) {
      return;
    }
    String who = w.getService() != null ? "service=" + w.getService() : "user=" + w.getUserId();
    keepLatest(spend, who + '|' + w.getProvider() + '|' + w.getGranularity(), w,
        (old, now) -> now.getWindowStart() > old.getWindowStart()
            || now.getWindowStart() == old.getWindowStart() && now.getEvents() >= old.getEvents());
  }

  public synchronized void accept(Alert alert) {
    if (alert.getStatus() == AlertStatus.resolved) {
      alerts.remove(alert.getFingerprint());
    } else {
      keepLatest(alerts, alert.getFingerprint(), alert, (old, now) -> true);
    }
  }

  /** Series held now (after dropping the stale ones). */
  public synchronized int seriesCount() {
    forgetStale();
    return size();
  }

  @Override
  public synchronized MetricSnapshots collect() {
    forgetStale();
    Gauges g = new Gauges();
    for (RequestWindow w : requests.values()) {
      Labels series = withEnvironment(Labels.of("service", w.getService(), "route", w.getRoute()), w.getEnvironment());
      double seconds = (w.getWindowEnd() - w.getWindowStart()) / 1000.0;
      g.add(REQUEST_LATENCY, "Request latency quantiles of the latest closed window, seconds",
          series.add("quantile", "0.5"), w.getP50() / 1000);
      g.add(REQUEST_LATENCY, null, series.add("quantile", "0.95"), w.getP95() / 1000);
      g.add(REQUEST_LATENCY, null, series.add("quantile", "0.99"), w.getP99() / 1000);
      g.add(REQUEST_LATENCY_MAX, "Slowest request of the latest closed window, seconds", series, w.getMax() / 1000);
      g.add(REQUESTS_PER_SECOND, "Requests per second over the latest closed window", series, w.getCount() / seconds);
      g.add(REQUEST_ERRORS_PER_SECOND, "Error responses per second over the latest closed window, by class",
          series.add("class", "5xx"), w.getErrors5xx() / seconds);
      g.add(REQUEST_ERRORS_PER_SECOND, null, series.add("class", "4xx"), w.getErrors4xx() / seconds);
      g.add(REQUEST_ERROR_RATIO, "5xx responses / all requests of the latest closed window", series, w.getErrorRate());
      g.add(AUTH_FAILURES_PER_SECOND, "401 and 403 responses per second over the latest closed window", series,
          w.getAuthFailures() / seconds);
    }
    for (LogWindow w : logs.values()) {
      Labels series = withEnvironment(Labels.of("service", w.getService(), "level", w.getLevel().name()),
          w.getEnvironment());
      g.add(LOG_EVENTS_PER_SECOND, "Log events per second over the latest closed window, by level", series,
          w.getCount() / ((w.getWindowEnd() - w.getWindowStart()) / 1000.0));
    }
    for (SpendWindow w : spend.values()) {
      double usd = w.getCostUsd().doubleValue(); // display only: the exact sums stay in the topics
      if (w.getService() != null) {
        g.add(SERVICE_SPEND, "Spend of the current UTC day or month per service and provider (* = all), USD",
            Labels.of("service", w.getService(), "provider", w.getProvider(), "period", w.getGranularity()), usd);
      } else if (!ALL.equals(w.getUserId())) {
        g.add(USER_SPEND, "Spend of the current UTC day or month per user and provider (* = all), USD",
            Labels.of("user", w.getUserId(), "provider", w.getProvider(), "period", w.getGranularity()), usd);
      }
    }
    for (Alert a : alerts.values()) {
      g.add(ALERTS, "Firing alerts, 1 each, labelled like Prometheus's ALERTS", Gauges.alertLabels(a), 1);
    }
    g.add(SERIES, "Series exported now", Labels.EMPTY, size());
    g.add(SERIES_LIMIT, "Most series exported at once (exporter.maxSeries)", Labels.EMPTY, config.maxSeries());
    MetricSnapshots.Builder snapshots = g.snapshots();
    snapshots.metricSnapshot(CounterSnapshot.builder().name(SERIES_DROPPED)
        .help("Updates of new series not exported because exporter.maxSeries was reached")
        .dataPoint(CounterDataPointSnapshot.builder().value(dropped).build()).build());
    return snapshots.build();
  }

  private <T> void keepLatest(Map<String, T> map, String key, T value, java.util.function.BiPredicate<T, T> newer) {
    T old = map.get(key);
    if (old != null) {
      if (newer.test(old, value)) {
        map.put(key, value);
      }
      return;
    }
    if (size() >= config.maxSeries()) {
      forgetStale();
    }
    if (size() >= config.maxSeries()) {
      dropped++;
      return;
    }
    map.put(key, value);
  }

  private void forgetStale() {
    long now = clock.getAsLong();
    long staleBefore = now - config.staleAfter().toMillis();
    requests.values().removeIf(w -> w.getWindowEnd() < staleBefore);
    logs.values().removeIf(w -> w.getWindowEnd() < staleBefore);
    spend.values().removeIf(w -> w.getWindowEnd() <= now);
  }

  private int size() {
    return requests.size() + logs.size() + spend.size() + alerts.size();
  }

  private static Labels withEnvironment(Labels labels, String environment) {
    return environment == null || environment.isEmpty() ? labels : labels.add("environment", environment);
  }
}

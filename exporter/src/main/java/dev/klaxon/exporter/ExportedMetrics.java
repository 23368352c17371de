package dev.klaxon.exporter;

import java.util.List;

/**
 * The metric names the exporter serves, in one place: dashboards and their check refer to these.
 * Rates are per second over the window (count / window length), as Prometheus users expect of a
 * {@code rate()}; latencies are in seconds, money in US dollars.
 */
public final class ExportedMetrics {

  /** p50/p95/p99 of the latest closed window, label {@code quantile} 0.5, 0.95, 0.99. */
  public static final String REQUEST_LATENCY = "klaxon_request_latency_seconds";
  public static final String REQUEST_LATENCY_MAX = "klaxon_request_latency_max_seconds";
  public static final String REQUESTS_PER_SECOND = "klaxon_requests_per_second";
  /** Label {@code class}: 5xx or 4xx. */
  public static final String REQUEST_ERRORS_PER_SECOND = "klaxon_request_errors_per_second";
  /** 5xx / all requests of the window, 0..1. */
  public static final String REQUEST_ERROR_RATIO = "klaxon_request_error_ratio";
  public static final String AUTH_FAILURES_PER_SECOND = "klaxon_auth_failures_per_second";
  public static final String LOG_EVENTS_PER_SECOND = "klaxon_log_events_per_second";
  /** Running total of the current UTC day or month ({@code period}), per user and provider ({@code *} = all). */
  public static final String USER_SPEND = "klaxon_user_spend_usd";
  public static final String SERVICE_SPEND = "klaxon_service_spend_usd";
  /** 1 per firing alert, labelled like Prometheus's {@code ALERTS}: alertname, alertstate, severity and the alert's labels. */
  public static final String ALERTS = "klaxon_alerts";
  public static final String SERIES = "klaxon_exporter_series";
  public static final String SERIES_LIMIT = "klaxon_exporter_series_limit";
  /** Counter (exposed with {@code _total}): updates of series not exported because the limit was reached. */
  public static final String SERIES_DROPPED = "klaxon_exporter_series_dropped";

  public static final List<String> ALL = List.of(REQUEST_LATENCY, REQUEST_LATENCY_MAX, REQUESTS_PER_SECOND,
      REQUEST_ERRORS_PER_SECOND, REQUEST_ERROR_RATIO, AUTH_FAILURES_PER_SECOND, LOG_EVENTS_PER_SECOND, USER_SPEND,
      SERVICE_SPEND, ALERTS, SERIES, SERIES_LIMIT, SERIES_DROPPED + "_total");

  private ExportedMetrics() {}
}

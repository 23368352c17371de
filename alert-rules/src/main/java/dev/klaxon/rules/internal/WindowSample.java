package dev.klaxon.rules.internal;

import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric window as rules read it, from either request or log topic, closed or open: the series'
 * labels, the window, its sample count and the value of any metric of its source.
 *
 * @param seriesId the series (all its labels), telling apart the series that feed one alert, e.g. the
 *     error and fatal levels of a {@code logs.count} rule by {@code [service]}
 * @param eventTime open windows: the event time their running values are current to (the record's
 *     timestamp); closed windows: the window's end
 */
public record WindowSample(boolean closed, Metric.Source source, Map<String, String> series, String seriesId,
    long windowStart, long windowEnd, long count, long eventTime, RequestWindow requests, LogWindow logs)
    implements MetricInput {

  public static WindowSample of(RequestWindow window, boolean closed, long recordTimestamp) {
    Map<String, String> series = new LinkedHashMap<>();
    series.put("service", window.getService());
    series.put("route", window.getRoute());
    putEnvironment(series, window.getEnvironment());
    return new WindowSample(closed, Metric.Source.REQUESTS, series, id(series), window.getWindowStart(),
        window.getWindowEnd(), window.getCount(), closed ? window.getWindowEnd() : recordTimestamp, window, null);
  }

  public static WindowSample of(LogWindow window, boolean closed, long recordTimestamp) {
    Map<String, String> series = new LinkedHashMap<>();
    series.put("service", window.getService());
    series.put("level", window.getLevel().name());
    putEnvironment(series, window.getEnvironment());
    return new WindowSample(closed, Metric.Source.LOGS, series, id(series), window.getWindowStart(),
        window.getWindowEnd(), window.getCount(), closed ? window.getWindowEnd() : recordTimestamp, null, window);
  }

  /**
   * A closed window of derived values (spend spikes, cost per request): no request or log record behind
   * it, evaluated by {@link AlertStateMachine#onClosed} like any closed window of {@code series}.
   */
  public static WindowSample derived(Metric.Source source, Map<String, String> series, String seriesId,
      long windowStart, long windowEnd, long count) {
    return new WindowSample(true, source, series, seriesId, windowStart, windowEnd, count, windowEnd, null, null);
  }

  public String service() {
    return series.get("service");
  }

  @Override
  public String partitionKey() {
    return service();
  }

  /** The environment label, or null for a series without one. */
  public String environment() {
    return series.get("environment");
  }

  public long sizeMs() {
    return windowEnd - windowStart;
  }

  /** The value {@code metric} (of this window's source) has in this window. */
  public double value(Metric metric) {
    if (logs != null) {
      return logs.getCount();
    }
    return switch (metric) {
      case REQUESTS_P50 -> requests.getP50();
      case REQUESTS_P95 -> requests.getP95();
      case REQUESTS_P99 -> requests.getP99();
      case REQUESTS_MAX -> requests.getMax();
      case REQUESTS_MEAN -> requests.getMean();
      case REQUESTS_COUNT -> requests.getCount();
      case REQUESTS_ERROR_RATE -> requests.getErrorRate();
      case REQUESTS_ERRORS_5XX -> requests.getErrors5xx();
      case REQUESTS_ERRORS_4XX -> requests.getErrors4xx();
      case REQUESTS_AUTH_FAILURES -> requests.getAuthFailures();
      default -> throw new IllegalArgumentException(metric + " is not a request metric");
    };
  }

  /** This window as {@code rule} reads it: the value of its metric, with the window's count. */
  public Sample sample(Rule rule) {
    return new Sample(value(rule.metric()), count);
  }

  private static void putEnvironment(Map<String, String> series, String environment) {
    if (environment != null && !environment.isEmpty()) {
      series.put("environment", environment);
    }
  }

  private static String id(Map<String, String> series) {
    return String.join("|", series.values());
  }
}

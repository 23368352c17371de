package dev.klaxon.processor.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * One tumbling window of one series. {@code series} is the series' labels joined by {@code |}: two
 * that name it (e.g. {@code checkout-api|POST /pay}, {@code search|error}), then the environment
 * when the events carry one (e.g. {@code checkout-api|POST /pay|production}). No label holds a
 * {@code |} (the aggregations refuse such events).
 */
public record WindowKey(String series, long sizeMs, long start) {

  static final String ENVIRONMENT_KEY_PART = "environment=";

  public long end() {
    return start + sizeMs;
  }

  /** The window that holds {@code timestampMs}; windows are aligned to the epoch. */
  public static WindowKey containing(String series, long sizeMs, long timestampMs) {
    return new WindowKey(series, sizeMs, Math.floorDiv(timestampMs, sizeMs) * sizeMs);
  }

  /** The series name for two naming labels and an environment (null or empty: none). */
  public static String series(String first, String second, String environment) {
    String named = first + '|' + second;
    return environment == null || environment.isEmpty() ? named : named + '|' + environment;
  }

  /** First naming label, e.g. the service. */
  public String first() {
    return series.substring(0, series.indexOf('|'));
  }

  /** Second naming label, e.g. the route or the log level. */
  public String second() {
    int first = series.indexOf('|');
    int environment = environmentSeparator();
    return environment < 0 ? series.substring(first + 1) : series.substring(first + 1, environment);
  }

  /** The series' environment, or null when its events carry none. */
  public String environment() {
    int at = environmentSeparator();
    return at < 0 ? null : series.substring(at + 1);
  }

  private int environmentSeparator() {
    return series.indexOf('|', series.indexOf('|') + 1);
  }

  /**
   * Key of the metric record: the two naming labels, then the window as an ISO-8601 interval
   * (start/duration), then {@code |environment=<environment>} for a series with an environment, e.g.
   * {@code checkout-api|POST /pay|2026-11-23T20:01:00Z/PT1M} and
   * {@code checkout-api|POST /pay|2026-11-23T20:01:00Z/PT1M|environment=production}. Readable in
   * {@code klaxon tail}, distinct for windows of different sizes that start together, and a reader
   * of the first three parts sees the same key format with or without environment.
   */
  public String recordKey() {
    String interval = Instant.ofEpochMilli(start).toString() + '/' + Duration.ofMillis(sizeMs);
    int environment = environmentSeparator();
    if (environment < 0) {
      return series + '|' + interval;
    }
    return series.substring(0, environment) + '|' + interval + '|' + ENVIRONMENT_KEY_PART
        + series.substring(environment + 1);
  }

  byte[] toBytes() {
    return (sizeMs + "|" + start + "|" + series).getBytes(StandardCharsets.UTF_8);
  }

  static WindowKey fromBytes(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int first = text.indexOf('|');
    int second = text.indexOf('|', first + 1);
    return new WindowKey(text.substring(second + 1), Long.parseLong(text.substring(0, first)),
        Long.parseLong(text.substring(first + 1, second)));
  }
}

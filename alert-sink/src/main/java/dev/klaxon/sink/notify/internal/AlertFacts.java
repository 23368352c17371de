package dev.klaxon.sink.notify.internal;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.config.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one alert as people read them: summary, service/route, value against threshold with
 * its unit, runbook. Units: an explicit {@code unit} annotation (or label) wins — {@code ms},
 * {@code s}, {@code %} (value already in percent), {@code ratio} (0..1, shown as percent),
 * {@code $}, {@code ×} (times a baseline), {@code duration} (milliseconds shown as {@code 5m30s}),
 * or any other word shown after the number. Klaxon's rule evaluator sets it from the rule's metric. Without one, the {@code metric} label or the
 * rule name decides: latency/duration/p50/p95/p99/max → ms; errorRate/error_rate/ratio → ratio
 * (Klaxon's error rates are 0..1); cost/spend → $. Otherwise the bare number.
 */
public final class AlertFacts {

  private AlertFacts() {}

  public static String label(Alert alert, String name) {
    return alert.getLabels().get(name);
  }

  public static Optional<String> service(Alert alert) {
    return Optional.ofNullable(label(alert, "service"));
  }

  public static Optional<String> route(Alert alert) {
    return Optional.ofNullable(label(alert, "route"));
  }

  public static String summary(Alert alert) {
    String summary = alert.getAnnotations().get("summary");
    if (summary != null && !summary.isBlank()) {
      return summary;
    }
    return alert.getRule() + service(alert).map(s -> " on " + s).orElse("");
  }

  public static Optional<String> description(Alert alert) {
    return Optional.ofNullable(alert.getAnnotations().get("description")).filter(d -> !d.isBlank());
  }

  /** Only an http(s) link: anything else would break link markup in chat. */
  public static Optional<String> runbook(Alert alert) {
    Map<String, String> annotations = alert.getAnnotations();
    String runbook = annotations.getOrDefault("runbook", annotations.get("runbook_url"));
    return Optional.ofNullable(runbook).filter(HttpUrls::isHttpUrl);
  }

  public static Instant startsAt(Alert alert) {
    return Instant.ofEpochMilli(alert.getStartsAt());
  }

  public static Optional<Instant> endsAt(Alert alert) {
    return Optional.ofNullable(alert.getEndsAt()).map(Instant::ofEpochMilli);
  }

  /** e.g. {@code 2350 ms (threshold 2000 ms)}. */
  public static String valueVsThreshold(Alert alert) {
    String unit = unit(alert);
    return withUnit(alert.getValue(), unit) + " (threshold " + withUnit(alert.getThreshold(), unit) + ")";
  }

  public static String value(Alert alert) {
    return withUnit(alert.getValue(), unit(alert));
  }

  public static String threshold(Alert alert) {
    return withUnit(alert.getThreshold(), unit(alert));
  }

  static String unit(Alert alert) {
    String explicit = alert.getAnnotations().getOrDefault("unit", alert.getLabels().get("unit"));
    if (explicit != null && !explicit.isBlank()) {
      return explicit.strip();
    }
    String metric = Optional.ofNullable(label(alert, "metric")).orElse(alert.getRule()).toLowerCase(Locale.ROOT);
    if (metric.contains("errorrate") || metric.contains("error_rate") || metric.contains("ratio")) {
      return "ratio";
    }
    if (metric.matches(".*(latency|duration|p50|p95|p99|\\.max).*")) {
      return "ms";
    }
    if (metric.contains("cost") || metric.contains("spend")) {
      return "$";
    }
    return "";
  }

  static String withUnit(double value, String unit) {
    return switch (unit) {
      case "" -> number(value);
      case "ratio" -> number(value * 100) + "%";
      case "%" -> number(value) + "%";
      case "$" -> "$" + number(value);
      case "×" -> number(value) + "×";
      case "duration" -> Double.isFinite(value)
          ? Durations.format(Duration.ofSeconds(Math.round(value / 1000))) : number(value);
      default -> number(value) + " " + unit;
    };
  }

  /** Whole numbers from 100 up, two decimals at most below: "2350", "1.25", "0.5". */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    int scale = Math.abs(value) >= 100 ? 0 : 2;
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }
}

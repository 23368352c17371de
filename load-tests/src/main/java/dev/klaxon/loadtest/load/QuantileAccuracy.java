package dev.klaxon.loadtest.load;

import dev.klaxon.processor.ExactQuantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Klaxon's window quantiles against the exact ones of the same samples (the sender keeps every
 * duration it sent, per service and window), and against what Prometheus' default buckets would
 * report on them ({@link BucketQuantiles}). Only windows whose count Klaxon reports equal to the
 * samples kept are compared: the same data on both sides.
 */
public final class QuantileAccuracy {

  public static final double[] QUANTILES = {0.5, 0.95, 0.99};

  /** A closed service window as Klaxon wrote it. */
  public record KlaxonWindow(String service, long windowStart, long count, double p50, double p95, double p99) {
    double quantile(double q) {
      return q == 0.5 ? p50 : q == 0.95 ? p95 : p99;
    }
  }

  /** One quantile of one window: the exact value, Klaxon's and the buckets' estimate (ms). */
  public record Point(String service, long windowStart, long count, double q, double exact, double klaxon,
      double buckets) {
    public double klaxonError() {
      return relative(klaxon, exact);
    }

    public double bucketsError() {
      return relative(buckets, exact);
    }
  }

  /** Per quantile: the largest and mean relative error of each side, over the windows compared. */
  public record Summary(double q, int windows, double klaxonMaxError, double klaxonMeanError,
      double bucketsMaxError, double bucketsMeanError) {}

  public record Result(List<Summary> summaries, List<Point> points, int windowsCompared, int windowsSkipped) {}

  private final Map<String, List<Double>> samples = new HashMap<>();
  private final long windowMs;

  public QuantileAccuracy(long windowMs) {
    this.windowMs = windowMs;
  }

  /** Keeps one sent duration of {@code service}, at event time {@code timestampMs}. */
  public void record(String service, long timestampMs, double durationMs) {
    samples.computeIfAbsent(key(service, timestampMs - Math.floorMod(timestampMs, windowMs)), k -> new ArrayList<>())
        .add(durationMs);
  }

  public Result compare(List<KlaxonWindow> windows, long minCount) {
    List<Point> points = new ArrayList<>();
    int skipped = 0;
    for (KlaxonWindow window : windows) {
      List<Double> kept = samples.get(key(window.service(), window.windowStart()));
      if (kept == null || kept.size() != window.count() || window.count() < minCount) {
        skipped++;
        continue;
      }
      double[] sorted = kept.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      BucketQuantiles buckets = BucketQuantiles.defaultMillis();
      for (double value : sorted) {
        buckets.record(value);
      }
      for (double q : QUANTILES) {
        points.add(new Point(window.service(), window.windowStart(), window.count(), q,
            ExactQuantiles.nearestRank(sorted, q), window.quantile(q), buckets.quantile(q)));
      }
    }
    List<Summary> summaries = new ArrayList<>();
    for (double q : QUANTILES) {
      List<Point> ofQ = points.stream().filter(p -> p.q() == q).toList();
      summaries.add(new Summary(q, ofQ.size(),
          ofQ.stream().mapToDouble(p -> Math.abs(p.klaxonError())).max().orElse(0),
          ofQ.stream().mapToDouble(p -> Math.abs(p.klaxonError())).average().orElse(0),
          ofQ.stream().mapToDouble(p -> Math.abs(p.bucketsError())).max().orElse(0),
          ofQ.stream().mapToDouble(p -> Math.abs(p.bucketsError())).average().orElse(0)));
    }
    return new Result(summaries, points, points.size() / QUANTILES.length, skipped);
  }

  private static String key(String service, long windowStart) {
    return service + '|' + windowStart;
  }

  private static double relative(double value, double exact) {
    return exact == 0 ? 0 : (value - exact) / exact;
  }
}

package dev.klaxon.exporter;

import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * What the exporter exposes.
 *
 * @param topics    where the windows and alerts are read
 * @param window    the window size exported (the processor may compute several); others are ignored
 * @param staleAfter a request or log series whose latest window ended longer ago than this is no longer
 *     exported (the service went quiet: Prometheus marks it stale, as for a vanished target)
 * @param maxSeries most series exported at once; past it new series are dropped and counted
 */
public record ExporterConfig(Topics topics, Duration window, Duration staleAfter, int maxSeries) {

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_SERIES = 10_000;

  public ExporterConfig {
    Objects.requireNonNull(topics, "topics");
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0, got " + window);
    }
    if (staleAfter == null || staleAfter.compareTo(window) < 0) {
      throw new IllegalArgumentException("staleAfter must be at least the window (" + window + "), got " + staleAfter);
    }
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries must be >= 1, got " + maxSeries);
    }
  }

  public static ExporterConfig defaults(Topics topics) {
    return new ExporterConfig(topics, DEFAULT_WINDOW, DEFAULT_STALE_AFTER, DEFAULT_MAX_SERIES);
  }

  public ExporterConfig withMaxSeries(int value) {
    return new ExporterConfig(topics, window, staleAfter, value);
  }
}

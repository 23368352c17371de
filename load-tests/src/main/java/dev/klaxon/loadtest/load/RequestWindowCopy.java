package dev.klaxon.loadtest.load;

import dev.klaxon.processor.LatencyHistogram;
import dev.klaxon.rules.Metric;
import org.HdrHistogram.Histogram;

/**
 * The running values of one request series' open window, as the processor aggregates them (5xx, 4xx,
 * 401/403, sum and max of durations, an HdrHistogram of them): what a request rule reads of that
 * window after each event. Starts over when an event of a later window comes.
 */
final class RequestWindowCopy {

  private final long windowMs;
  private long windowStart = Long.MIN_VALUE;
  private Histogram histogram;
  private long count;
  private long errors5xx;
  private long errors4xx;
  private long authFailures;
  private double sumMs;
  private double maxMs;

  RequestWindowCopy(long windowMs) {
    this.windowMs = windowMs;
  }

  void add(long timestampMs, int status, double durationMs) {
    long start = timestampMs - Math.floorMod(timestampMs, windowMs);
    if (start != windowStart) {
      windowStart = start;
      histogram = LatencyHistogram.create();
      count = errors5xx = errors4xx = authFailures = 0;
      sumMs = maxMs = 0;
    }
    count++;
    if (status >= 500) {
      errors5xx++;
    } else if (status >= 400) {
      errors4xx++;
      if (status == 401 || status == 403) {
        authFailures++;
      }
    }
    sumMs += durationMs;
    maxMs = Math.max(maxMs, durationMs);
    LatencyHistogram.recordMillis(histogram, durationMs);
  }

  long windowStart() {
    return windowStart;
  }

  long count() {
    return count;
  }

  /** The metric's value of the window so far, as the processor's RequestWindow carries it. */
  double value(Metric metric) {
    return switch (metric) {
      case REQUESTS_P50 -> LatencyHistogram.quantileMillis(histogram, 0.50);
      case REQUESTS_P95 -> LatencyHistogram.quantileMillis(histogram, 0.95);
      case REQUESTS_P99 -> LatencyHistogram.quantileMillis(histogram, 0.99);
      case REQUESTS_MAX -> maxMs;
      case REQUESTS_MEAN -> count == 0 ? 0 : sumMs / count;
      case REQUESTS_COUNT -> count;
      case REQUESTS_ERROR_RATE -> count == 0 ? 0 : (double) errors5xx / count;
      case REQUESTS_ERRORS_5XX -> errors5xx;
      case REQUESTS_ERRORS_4XX -> errors4xx;
      case REQUESTS_AUTH_FAILURES -> authFailures;
      default -> throw new IllegalArgumentException(metric + " is not a request metric");
    };
  }
}

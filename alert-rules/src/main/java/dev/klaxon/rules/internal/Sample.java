package dev.klaxon.rules.internal;

import dev.klaxon.rules.Comparison;
import dev.klaxon.rules.Rule;
import java.util.Collection;

/** One series' value of a rule's metric in one window, with the window's sample count. */
public record Sample(double value, long count) {

  /**
   * The value of an alert fed by several series in one window (e.g. error and fatal log levels, or
   * two environments under {@code by: [service]}): counts add up, rates and means are weighted by
   * requests (exact), quantiles and max take the worst series (a bound: histograms are not merged here).
   */
  public static Sample combine(Rule rule, Collection<Sample> samples) {
    if (samples.size() == 1) {
      return samples.iterator().next();
    }
    long count = 0;
    double sum = 0;
    double weighted = 0;
    double worst = rule.comparison() == Comparison.ABOVE ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (Sample sample : samples) {
      count += sample.count;
      sum += sample.value;
      weighted += sample.value * sample.count;
      worst = rule.comparison() == Comparison.ABOVE ? Math.max(worst, sample.value) : Math.min(worst, sample.value);
    }
    double value = switch (rule.metric()) {
      case REQUESTS_COUNT, REQUESTS_ERRORS_5XX, REQUESTS_ERRORS_4XX, REQUESTS_AUTH_FAILURES, LOGS_COUNT -> sum;
      case REQUESTS_ERROR_RATE, REQUESTS_MEAN -> count == 0 ? 0 : weighted / count;
      // Spend alerts have one series each (their by labels name it whole): nothing to combine.
      case REQUESTS_P50, REQUESTS_P95, REQUESTS_P99, REQUESTS_MAX, ABSENT, SPEND_BUDGET_USED, SPEND_SPIKE,
          SPEND_COST_PER_REQUEST -> worst;
    };
    return new Sample(value, count);
  }

  /** Which way {@link #combine} can move as more series of one window join it, by the rule's breach direction. */
  public enum Drift {
    /** Only towards breaching: a breach decided on part of the window stands (counts above, worst-of). */
    WORSENS,
    /** Only away from breaching: a recovery decided on part of the window stands (counts below). */
    IMPROVES,
    /** Either way: request-weighted rates and means. */
    EITHER
  }

  public static Drift drift(Rule rule) {
    return switch (rule.metric()) {
      case REQUESTS_COUNT, REQUESTS_ERRORS_5XX, REQUESTS_ERRORS_4XX, REQUESTS_AUTH_FAILURES, LOGS_COUNT ->
          rule.comparison() == Comparison.ABOVE ? Drift.WORSENS : Drift.IMPROVES;
      case REQUESTS_ERROR_RATE, REQUESTS_MEAN -> Drift.EITHER;
      case REQUESTS_P50, REQUESTS_P95, REQUESTS_P99, REQUESTS_MAX, ABSENT, SPEND_BUDGET_USED, SPEND_SPIKE,
          SPEND_COST_PER_REQUEST -> Drift.WORSENS;
    };
  }
}

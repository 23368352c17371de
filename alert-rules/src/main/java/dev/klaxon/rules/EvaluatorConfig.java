package dev.klaxon.rules;

import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * What the alert evaluator computes from (as opposed to how it runs, {@link EvaluatorSettings}).
 *
 * @param topics topic names: the closed and open metric topics it reads, {@code alerts} it writes
 * @param windowSize the metric windows rules evaluate ({@code for} counts them; count thresholds are
 *     "per window"); windows of other sizes only tell that a service is alive
 * @param absentLookback an {@code absent} rule watches services that had a window within this long;
 *     older ones are forgotten (and their absent alerts resolve)
 * @param punctuateInterval how often (wall clock) absent rules are checked and stale state is swept
 */
public record EvaluatorConfig(Topics topics, Duration windowSize, Duration absentLookback, Duration punctuateInterval) {

  public static final Duration DEFAULT_WINDOW_SIZE = Duration.ofMinutes(1);
  public static final Duration DEFAULT_ABSENT_LOOKBACK = Duration.ofHours(24);
  public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(2);

  public EvaluatorConfig {
    Objects.requireNonNull(topics, "topics");
    if (windowSize == null || windowSize.toMillis() < 1000) {
      throw new IllegalArgumentException("windowSize must be at least 1 second, got " + windowSize);
    }
    if (absentLookback == null || absentLookback.toMillis() < 1000) {
      throw new IllegalArgumentException("absentLookback must be at least 1 second, got " + absentLookback);
    }
    if (punctuateInterval == null || punctuateInterval.toMillis() < 10) {
      throw new IllegalArgumentException("punctuateInterval must be at least 10ms, got " + punctuateInterval);
    }
  }

  public static EvaluatorConfig defaults(Topics topics) {
    return new EvaluatorConfig(topics, DEFAULT_WINDOW_SIZE, DEFAULT_ABSENT_LOOKBACK, DEFAULT_PUNCTUATE_INTERVAL);
  }

  public EvaluatorConfig withWindowSize(Duration size) {
    return new EvaluatorConfig(topics, size, absentLookback, punctuateInterval);
  }

  public EvaluatorConfig withAbsentLookback(Duration lookback) {
    return new EvaluatorConfig(topics, windowSize, lookback, punctuateInterval);
  }
}

package dev.klaxon.rules;

import java.time.Duration;
import java.util.List;

/**
 * What a {@code spend.spike} rule compares a closed window with: the average spend of the same series'
 * previous {@code windows} windows of {@code granularity} that had spend. Windows without spend are not
 * counted as zeros: per-user spend comes in bursts (a user idle all night is not "spending nothing per
 * hour" on average), so the baseline is a typical active window, and a user's first busy hour of the
 * morning is no spike. A series with fewer than {@code minWindows} such windows has no baseline yet and
 * is not judged.
 *
 * <p>Defaults: hourly windows (minute windows of one user are mostly empty or single calls; a day is
 * too late to stop a runaway loop), the last 24 active hours, at least 6.
 *
 * @param granularity {@code minute}, {@code hour} or {@code day}: fixed-length windows
 */
public record SpikeBaseline(String granularity, int windows, int minWindows) {

  public static final List<String> GRANULARITIES = List.of("minute", "hour", "day");
  public static final SpikeBaseline DEFAULT = new SpikeBaseline("hour", 24, 6);
  /** The most windows a baseline may average: the history kept per series is bounded by it. */
  public static final int MAX_WINDOWS = 1000;

  public SpikeBaseline {
    if (!GRANULARITIES.contains(granularity)) {
      throw new IllegalArgumentException("granularity must be one of " + GRANULARITIES + ", got " + granularity);
    }
    if (windows < 1 || windows > MAX_WINDOWS || minWindows < 1 || minWindows > windows) {
      throw new IllegalArgumentException("need 1 <= minWindows <= windows <= " + MAX_WINDOWS);
    }
  }

  public Duration windowSize() {
    return switch (granularity) {
      case "minute" -> Duration.ofMinutes(1);
      case "hour" -> Duration.ofHours(1);
      default -> Duration.ofDays(1);
    };
  }

  @Override
  public String toString() {
    return "baseline " + windows + " " + granularity + "s (at least " + minWindows + ")";
  }
}

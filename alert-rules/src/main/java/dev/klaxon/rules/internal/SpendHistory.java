package dev.klaxon.rules.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import dev.klaxon.rules.SpikeBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The last closed windows with spend of one series at one granularity, oldest first: what a spike is
 * measured against. Value of the {@code spend-history} store, bounded by the longest baseline of the
 * rules (at most {@link SpikeBaseline#MAX_WINDOWS}). Dollars as doubles: a ratio for alerting, not a sum.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public final class SpendHistory {

  /** Start of the newest window recorded: windows at or before it were seen already. */
  long lastStart = AlertState.NONE;
  List<Double> costs = new ArrayList<>();
  /** Wall clock of the last window recorded, to forget series that stopped spending. */
  long updatedAt;

  /** The average spend of the last {@code baseline.windows()}, or empty with fewer than its minimum, or none. */
  OptionalDouble average(SpikeBaseline baseline) {
    if (costs.size() < baseline.minWindows()) {
      return OptionalDouble.empty();
    }
    List<Double> recent = costs.subList(Math.max(0, costs.size() - baseline.windows()), costs.size());
    double average = recent.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return average > 0 ? OptionalDouble.of(average) : OptionalDouble.empty();
  }

  /** Appends a window's spend, keeping the newest {@code keep}. */
  void record(long windowStart, double costUsd, int keep, long now) {
    costs.add(costUsd);
    if (costs.size() > keep) {
      costs = new ArrayList<>(costs.subList(costs.size() - keep, costs.size()));
    }
    lastStart = windowStart;
    updatedAt = now;
  }
}

package dev.klaxon.replay;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.schemas.validation.EventLimits;
import java.time.Duration;
import java.util.List;

/**
 * What the live deployment runs with that a replay must match to recompute the same results: the event
 * limits (an event live dead-lettered must be dead-lettered again), and the cost aggregator's window sizes
 * and grace. The processor's window and grace are the range's ({@link ReplayRange}). {@code klaxon replay
 * --config klaxon.yaml} reads them from the file {@code klaxon run} reads.
 */
public record LiveSettings(EventLimits eventLimits, List<Granularity> spendGranularities, Duration spendGrace) {

  public LiveSettings {
    spendGranularities = List.copyOf(spendGranularities);
  }

  /** The shipped defaults, as {@code klaxon run} without a config file. */
  public static LiveSettings defaults() {
    return new LiveSettings(EventLimits.defaults(), SpendConfig.DEFAULT_GRANULARITIES, SpendConfig.DEFAULT_GRACE);
  }
}

package dev.klaxon.cost.internal;

import dev.klaxon.cost.SpendKey;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.validation.EventLimits;
import java.math.BigDecimal;
import java.util.HashMap;

/**
 * What a cost event adds to a window: its cost (exact, scale 9), one event, and its units under its
 * unitType. Events without a unitType, or without units, add nothing to {@code units}.
 */
final class SpendWindows {

  static final int COST_SCALE = 9;
  /** The largest decimal(20, 9), the type of {@code costUsd}: 11 integer digits, 9 decimals. */
  static final BigDecimal MAX_COST_USD = EventLimits.COST_USD_CAPACITY;

  private SpendWindows() {}

  static SpendWindow open(SpendKey key) {
    return SpendWindow.newBuilder().setUserId(key.userId()).setProvider(key.provider())
        .setGranularity(key.granularity().label()).setWindowStart(key.windowStart()).setWindowEnd(key.windowEnd())
        .setService(key.service()).setCostUsd(BigDecimal.ZERO.setScale(COST_SCALE)).setEvents(0)
        .setUnits(new HashMap<>()).build();
  }

  /** Whether adding {@code cost} would take the window's total beyond what decimal(20, 9) holds. */
  static boolean wouldOverflow(SpendWindow window, BigDecimal cost) {
    return window.getCostUsd().add(cost).compareTo(MAX_COST_USD) > 0;
  }

  /** Adds the event; {@code cost} is its costUsd at scale 9 (computed once per event, not per window). */
  static void add(SpendWindow window, CostEvent event, BigDecimal cost) {
    window.setCostUsd(window.getCostUsd().add(cost));
    window.setEvents(window.getEvents() + 1);
    if (event.getUnitType() != null && event.getUnits() != null) {
      window.getUnits().merge(event.getUnitType(), event.getUnits(), Double::sum);
    }
  }
}

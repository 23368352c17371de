package dev.klaxon.cost.internal;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendKey;
import dev.klaxon.schemas.CostEvent;

/**
 * The two kinds of spend series, and whose they are. Each kind is summed in its own sub-topology,
 * after a repartition by its owner, so every window of a series lives in exactly one task whatever
 * the input topic's key: a user's windows with the user, a service's (all its users) with the service.
 */
public enum SpendSeries {
  USER {
    @Override
    public String owner(CostEvent event) {
      return event.getUserId();
    }

    @Override
    public SpendKey key(CostEvent event, String provider, Granularity granularity, long start) {
      return SpendKey.ofUser(event.getUserId(), provider, granularity, start);
    }
  },
  SERVICE {
    @Override
    public String owner(CostEvent event) {
      return event.getService();
    }

    @Override
    public SpendKey key(CostEvent event, String provider, Granularity granularity, long start) {
      return SpendKey.ofService(event.getService(), provider, granularity, start);
    }
  };

  /** {@link #key}'s text, {@link SpendKey#format()}, from the window's {@link SpendKey#windowText}. */
  public String keyText(CostEvent event, String provider, String windowText) {
    return this == USER ? SpendKey.format(event.getUserId(), provider, windowText, null)
        : SpendKey.format(SpendKey.ALL, provider, windowText, event.getService());
  }

  /** What the event's windows of this kind are partitioned by. */
  public abstract String owner(CostEvent event);

  /** The key of the window of this kind holding the event, for one provider or {@link SpendKey#ALL}. */
  public abstract SpendKey key(CostEvent event, String provider, Granularity granularity, long start);
}

package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.DropReason;
import dev.klaxon.emitter.EmitterStats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The emitter's counters; LongAdders, since many application threads emit at once. */
public final class Counters {

  private final LongAdder emitted = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

  public Counters() {
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, new LongAdder());
    }
  }

  public void emitted() {
    emitted.increment();
  }

  public void delivered(int events) {
    delivered.add(events);
  }

  public void dropped(DropReason reason, int events) {
    dropped.get(reason).add(events);
  }

  public void retried() {
    retried.increment();
  }

  public EmitterStats snapshot(long extraRetries, long pending) {
    Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    dropped.forEach((reason, count) -> drops.put(reason, count.sum()));
    return new EmitterStats(emitted.sum(), delivered.sum(), drops, retried.sum() + extraRetries, pending);
  }

  /** Reports outcomes into these counters and frees the events' room in {@code backlog}. */
  public Outcomes settlingIn(Backlog backlog) {
    return new Outcomes() {
      @Override
      public void delivered(List<Pending> events) {
        Counters.this.delivered(events.size());
        backlog.settle(events);
      }

      @Override
      public void dropped(List<Pending> events, DropReason reason) {
        Counters.this.dropped(reason, events.size());
        backlog.settle(events);
      }

      @Override
      public void retried() {
        Counters.this.retried();
      }
    };
  }
}

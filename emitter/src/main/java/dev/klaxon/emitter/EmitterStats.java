package dev.klaxon.emitter;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of an emitter's counters since it was built. Every event passed to {@code emit} is
 * either refused ({@link DropReason#QUEUE_FULL} or {@link DropReason#CLOSED} at the door) or
 * {@linkplain #emitted() accepted}; every accepted event ends up {@linkplain #delivered()
 * delivered} or dropped for another reason, or is still {@linkplain #pending() pending}.
 *
 * @param emitted events accepted into the queue
 * @param delivered events the destination acknowledged (gateway {@code 202}, Kafka ack with
 *     {@code acks=all})
 * @param dropped events dropped, by reason; every reason is present, zero when none
 * @param retried retry attempts: HTTP batches re-sent after a {@code 429}, a {@code 5xx} or a
 *     network error, and records the Kafka producer re-sent
 * @param pending accepted events neither delivered nor dropped yet (queued or in flight)
 */
public record EmitterStats(long emitted, long delivered, Map<DropReason, Long> dropped, long retried,
    long pending) {

  public EmitterStats {
    EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
    for (DropReason reason : DropReason.values()) {
      all.put(reason, dropped.getOrDefault(reason, 0L));
    }
    dropped = Collections.unmodifiableMap(all);
  }

  /** Events dropped for {@code reason}. */
  public long dropped(DropReason reason) {
    return dropped.get(reason);
  }

  /** Events dropped for any reason. */
  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}

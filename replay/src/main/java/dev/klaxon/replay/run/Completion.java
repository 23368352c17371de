package dev.klaxon.replay.run;

import dev.klaxon.replay.ReplayException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * When a replay app has finished: its committed offsets reached the end of every input partition.
 * The apps are exactly-once, so the outputs of those records were committed in the same transactions;
 * nothing is left to wait for, and no sleep stands in for "probably done".
 */
public final class Completion {

  static final Duration POLL = Duration.ofMillis(100);

  private final ReplayAdmin admin;
  private final Duration stallTimeout;

  /** @param stallTimeout fail when the committed offsets do not move for this long */
  public Completion(ReplayAdmin admin, Duration stallTimeout) {
    this.admin = admin;
    this.stallTimeout = stallTimeout;
  }

  /**
   * Waits until {@code groupId} has consumed all of {@code topics} as they are now.
   *
   * @param progress told how many input records the group has consumed so far
   */
  public void await(String what, KafkaStreams streams, String groupId, Collection<String> topics, LongConsumer progress) {
    Map<TopicPartition, Long> starts = admin.startOffsets(topics);
    Map<TopicPartition, Long> ends = admin.endOffsets(topics);
    long lastConsumed = -1;
    long lastMove = System.nanoTime();
    while (true) {
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
          || state == KafkaStreams.State.PENDING_ERROR) {
        throw new ReplayException("the replay's " + what + " stopped (" + state + "); see the log above");
      }
      Map<TopicPartition, Long> committed = admin.committed(groupId);
      long consumed = 0;
      boolean done = true;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        long start = starts.getOrDefault(end.getKey(), 0L);
        long at = committed.getOrDefault(end.getKey(), start);
        consumed += Math.max(0, Math.min(at, end.getValue()) - start);
        done &= at >= end.getValue();
      }
      progress.accept(consumed);
      if (done) {
        return;
      }
      if (consumed != lastConsumed) {
        lastConsumed = consumed;
        lastMove = System.nanoTime();
      } else if (System.nanoTime() - lastMove > stallTimeout.toNanos()) {
        throw new ReplayException("the replay's " + what + " made no progress for " + stallTimeout.toSeconds()
            + "s (consumed " + consumed + " records); giving up");
      }
      try {
        Thread.sleep(POLL.toMillis()); // polling a condition, not waiting for time to pass
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException("interrupted while waiting for the replay's " + what);
      }
    }
  }

}

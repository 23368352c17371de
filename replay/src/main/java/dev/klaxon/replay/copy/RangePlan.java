package dev.klaxon.replay.copy;

import dev.klaxon.replay.ReplayException;
import dev.klaxon.replay.ReplayRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the live input topics hold the range, found with {@code offsetsForTimes} (record
 * timestamps, which Klaxon's producers set to the event time), and the checks that turn a range
 * that cannot be replayed into one clear line: topics missing, retention already past the range's
 * start, nothing in the range.
 */
public record RangePlan(List<PartitionRange> partitions, Optional<Instant> oldestRetained) {

  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(15);

  public long totalRecords() {
    return partitions.stream().mapToLong(PartitionRange::size).sum();
  }

  public long recordsInRange() {
    return partitions.stream().mapToLong(PartitionRange::inRange).sum();
  }

  /** {@link #of(Consumer, List, ReplayRange, Instant)} closing at the range's own {@code end + grace}. */
  public static RangePlan of(Consumer<?, ?> consumer, List<String> topics, ReplayRange range) {
    return of(consumer, topics, range, range.closesAt());
  }

  /**
   * Plans the copy of {@code topics} for {@code range}, or explains why it cannot be replayed.
   *
   * @param closesAt the event time by which every window of the range closed live: the copy ends with
   *     the first record at or after it
   */
  public static RangePlan of(Consumer<?, ?> consumer, List<String> topics, ReplayRange range, Instant closesAt) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, LOOKUP_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new ReplayException("no topic " + topic + ": nothing to replay (is --topic-prefix right?)");
      }
      infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, LOOKUP_TIMEOUT);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, LOOKUP_TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> oldest = consumer.offsetsForTimes(at(partitions, 0L), LOOKUP_TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> starts =
        consumer.offsetsForTimes(at(partitions, range.start().toEpochMilli()), LOOKUP_TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> closings =
        consumer.offsetsForTimes(at(partitions, closesAt.toEpochMilli()), LOOKUP_TIMEOUT);
    Map<TopicPartition, OffsetAndTimestamp> afterEnd =
        consumer.offsetsForTimes(at(partitions, range.end().toEpochMilli()), LOOKUP_TIMEOUT);

    Optional<Instant> oldestRetained = oldest.values().stream().filter(o -> o != null)
        .map(o -> Instant.ofEpochMilli(o.timestamp())).min(Instant::compareTo);
    boolean retentionDeleted = beginnings.values().stream().anyMatch(offset -> offset > 0);
    if (oldestRetained.isPresent() && retentionDeleted && range.start().isBefore(oldestRetained.get())) {
      throw new ReplayException("the range starts at " + range.start() + ", before the oldest retained event ("
          + oldestRetained.get() + "); older events were deleted by retention. Use --from "
          + oldestRetained.get() + " or later");
    }

    List<PartitionRange> planned = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      long end = ends.get(partition);
      long start = offsetOr(starts, partition, end);
      // The closing record (first at or after end + grace) is copied too: it closes the last windows, as live.
      long stop = Math.min(end, offsetOr(closings, partition, end - 1) + 1);
      long inRange = Math.max(0, offsetOr(afterEnd, partition, end) - start);
      planned.add(new PartitionRange(partition, start, Math.max(start, stop), inRange));
    }
    RangePlan plan = new RangePlan(List.copyOf(planned), oldestRetained);
    if (plan.recordsInRange() == 0) {
      throw new ReplayException("no events between " + range.start() + " and " + range.end() + " in "
          + String.join(", ", topics) + (oldestRetained.isEmpty() ? ": the topics are empty"
          : " (the oldest retained event is from " + oldestRetained.get() + ")"));
    }
    return plan;
  }

  private static Map<TopicPartition, Long> at(List<TopicPartition> partitions, long timestamp) {
    Map<TopicPartition, Long> out = new HashMap<>();
    partitions.forEach(p -> out.put(p, timestamp));
    return out;
  }

  private static long offsetOr(Map<TopicPartition, OffsetAndTimestamp> found, TopicPartition partition, long otherwise) {
    OffsetAndTimestamp offset = found.get(partition);
    return offset == null ? otherwise : offset.offset();
  }
}

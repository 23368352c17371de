package dev.klaxon.replay.copy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads planned partition ranges (read only: assigned, no group, nothing committed), each up to its
 * stop offset, exclusive. A partition is done at its last planned record, or when its position passes
 * the stop without one: its last planned offsets were transaction markers or aborted records.
 */
final class PlannedRead {

  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, Long> stops = new HashMap<>();

  /** Assigns and seeks the consumer to the non-empty ranges. */
  PlannedRead(Consumer<byte[], byte[]> consumer, List<PartitionRange> ranges) {
    this.consumer = consumer;
    ranges.stream().filter(r -> r.size() > 0).forEach(r -> stops.put(r.partition(), r.stop()));
    consumer.assign(stops.keySet());
    ranges.stream().filter(r -> r.size() > 0).forEach(r -> consumer.seek(r.partition(), r.start()));
  }

  boolean done() {
    return stops.isEmpty();
  }

  /** Partitions not read to their stop yet. */
  Set<TopicPartition> remaining() {
    return stops.keySet();
  }

  /**
   * One poll: hands each record within the plan to {@code each}, pausing partitions as they finish.
   * Returns the partitions the poll delivered from.
   */
  Set<TopicPartition> poll(java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      Long stop = stops.get(partition);
      if (stop == null || record.offset() >= stop) {
        continue;
      }
      each.accept(record);
      if (record.offset() + 1 >= stop) {
        stops.remove(partition);
        consumer.pause(List.of(partition));
      }
    }
    for (TopicPartition partition : List.copyOf(stops.keySet())) {
      if (consumer.position(partition) >= stops.get(partition)) {
        stops.remove(partition);
      }
    }
    return records.partitions();
  }
}

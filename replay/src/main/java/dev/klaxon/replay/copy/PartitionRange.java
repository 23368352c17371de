package dev.klaxon.replay.copy;

import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one live input partition a replay copies: {@code [start, stop)}. {@code inRange} is
 * how many of them have a timestamp inside the range (the rest arrived within the grace after it, or
 * is the one record that closes its last windows).
 */
public record PartitionRange(TopicPartition partition, long start, long stop, long inRange) {

  public long size() {
    return Math.max(0, stop - start);
  }
}

package dev.klaxon.cost.internal;

import dev.klaxon.cost.SpendKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every window of a user (or of a service, for its series) on one partition of the spend topics.
 * The record key names the window too, so hashing it whole would scatter a series' windows over all
 * partitions, and a reader after a backlog could see day N+1 before day N. By owner, a series' windows
 * arrive in the order they closed (the processor's metric topics do the same by service).
 */
public final class SpendPartitioner implements StreamPartitioner<Object, Object> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, Object key, Object value, int numPartitions) {
    String owner = SpendKey.ownerOf((String) key);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(owner.getBytes(StandardCharsets.UTF_8))) % numPartitions));
  }
}

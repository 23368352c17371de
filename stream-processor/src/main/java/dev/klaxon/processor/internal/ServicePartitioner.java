package dev.klaxon.processor.internal;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Puts every window of a service on one partition of the metric topics. The record key names the
 * window too ({@code service|route|<start>/<size>}), so hashing it whole would scatter one series'
 * windows over all partitions, and a consumer reading after a backlog could see minute N+1 before
 * minute N: the alert evaluator would then drop minute N as stale. By service, the windows of a
 * series arrive in the order they closed.
 */
final class ServicePartitioner<V> implements StreamPartitioner<String, V> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
    int end = key.indexOf('|');
    String service = end < 0 ? key : key.substring(0, end);
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(service.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        % numPartitions));
  }
}

package dev.klaxon.sink.internal;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of a group key in the group-state topic: Kafka's own hash of the key, so one
 * consumer (one sink instance) owns each group, whatever the alerts' fingerprints.
 */
public final class GroupPartitioner {

  private GroupPartitioner() {}

  public static int partition(String groupKey, int partitions) {
    return Utils.toPositive(Utils.murmur2(groupKey.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** State-topic record key: one record per alert per group, so compaction keeps each alert's latest state. */
  public static String stateKey(String groupKey, String fingerprint) {
    return groupKey + "|" + fingerprint;
  }

  public static String groupKeyOf(String stateKey) {
    return stateKey.substring(0, stateKey.lastIndexOf('|'));
  }

  public static String fingerprintOf(String stateKey) {
    return stateKey.substring(stateKey.lastIndexOf('|') + 1);
  }
}

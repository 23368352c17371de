package dev.klaxon.sink.internal;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Settings shared by the sink's group consumers ({@code route.RouterStage}, {@code group.GroupStage}). */
public final class SinkConsumers {

  /**
   * A crashed instance keeps its partitions until its session times out; Kafka's default of 45 s
   * would hold back every alert group it owned that long. 10 s, unless the deployment says otherwise.
   */
  static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

  private SinkConsumers() {}

  public static Map<String, Object> properties(Map<String, Object> clientProperties, String groupId) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, DEFAULT_SESSION_TIMEOUT_MS);
    props.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, DEFAULT_SESSION_TIMEOUT_MS / 3);
    return props;
  }
}

package dev.klaxon.kafka.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from the beginning, committed records only, until what was read satisfies a
 * condition or a deadline passes. No consumer group: every partition is assigned directly, so no
 * rebalance delays the first poll.
 */
public final class CommittedRecordReader {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Map<String, Object> clientProperties;

  public CommittedRecordReader(Map<String, Object> clientProperties) {
    this.clientProperties = clientProperties;
  }

  /**
   * @return every record read, in per-partition order, once {@code done} holds for them
   * @throws AssertionError when {@code done} does not hold by the deadline
   */
  public <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keys,
      Deserializer<V> values, Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerProperties(), keys, values)) {
      List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!done.test(read)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("condition on topic " + topic + " not met within " + timeout
              + "; read " + read.size() + " committed records" + sample(read));
        }
        consumer.poll(POLL).forEach(read::add);
      }
    }
    return read;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic,
      Duration timeout) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
    return partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static String sample(List<? extends ConsumerRecord<?, ?>> read) {
    if (read.isEmpty()) {
      return "";
    }
    return read.stream().limit(5).map(r -> r.key() + "=" + r.value())
        .collect(Collectors.joining(", ", ", first: ", read.size() > 5 ? ", ..." : ""));
  }
}

package dev.klaxon.replay.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Reads a finished topic whole: every committed record from the first to the end offset as of now. */
public final class TopicReader {

  private final Consumer<byte[], byte[]> consumer;

  public TopicReader(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /** Decodes each record with {@code decode}(record, value bytes); nulls are dropped. */
  public <T> List<T> readAll(String topic, BiFunction<ConsumerRecord<byte[], byte[]>, byte[], T> decode) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(15))) {
      partitions.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
    ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    List<T> out = new ArrayList<>();
    while (!ends.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        T value = decode.apply(record, record.value());
        if (value != null) {
          out.add(value);
        }
      }
      ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
    }
    consumer.unsubscribe();
    return out;
  }
}

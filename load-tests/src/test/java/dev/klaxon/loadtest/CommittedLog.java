package dev.klaxon.loadtest;

import dev.klaxon.kafka.junit.KafkaTestEnv;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a read_committed consumer sees of a topic from its beginning, kept up to date by {@link #poll}. */
final class CommittedLog<V> implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Function<byte[], V> decode;
  private final List<V> read = new ArrayList<>();

  CommittedLog(KafkaTestEnv kafka, String topic, Function<byte[], V> decode) {
    this.consumer = kafka.consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.partitions = consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    this.decode = decode;
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Everything committed so far that one more poll brings. */
  List<V> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(decode.apply(record.value())));
    return read;
  }

  /**
   * Everything up to the last stable offset of each partition: once every writer has committed or
   * aborted, the whole topic.
   */
  List<V> readToEnd() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
      poll();
    }
    return read;
  }

  @Override
  public void close() {
    consumer.close();
  }
}

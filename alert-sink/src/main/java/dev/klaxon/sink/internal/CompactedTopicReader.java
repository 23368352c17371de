package dev.klaxon.sink.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole compacted topic (every partition, from the beginning, no consumer group) and keeps
 * following it: every instance's full copy of silences, the notification log or alert state. It is
 * caught up once it has read up to the end offsets seen at start.
 */
public final class CompactedTopicReader<V> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<V> values;
  private final BiConsumer<String, V> onRecord;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean running = true;

  /** @param onRecord key and value; value {@code null} for a tombstone */
  public CompactedTopicReader(Map<String, Object> clientProperties, String topic, Deserializer<V> values,
      BiConsumer<String, V> onRecord) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.values = values;
    this.onRecord = onRecord;
    this.thread = new Thread(this::run, "klaxon-sink-read-" + topic);
    this.thread.setDaemon(true);
  }

  public CompactedTopicReader<V> start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = List.of();
      while (running && partitions.isEmpty()) { // a topic created a moment ago may have no metadata yet
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
          Thread.sleep(100);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          V value;
          try {
            value = record.value() == null ? null : values.deserialize(topic, record.value());
          } catch (SerializationException e) {
            log.warn("skipping unreadable record {}-{}@{}: {}", topic, record.partition(), record.offset(), e.getMessage());
            continue;
          }
          onRecord.accept(record.key(), value);
        }
        if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("reading {} failed; this instance's copy of it is no longer updated", topic, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  public boolean isCaughtUp() {
    return caughtUp.getCount() == 0;
  }

  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean isAlive() {
    return thread.isAlive();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.klaxon.exporter.internal;

import dev.klaxon.exporter.WindowGauges;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the metric and alert topics into {@link WindowGauges}: every partition, assigned, not as a
 * consumer group (each exporter instance sees everything, so two can run side by side for Prometheus
 * HA), read_committed. It starts far enough back to fill the gauges at once: request and log windows
 * from {@code staleAfter} ago, spend from the start of the UTC month, alerts from the oldest retained.
 * A record that does not decode is logged (topic, partition, offset; never its bytes) and skipped.
 */
public final class WindowFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WindowFeed.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Consumer<byte[]>> handlers = new HashMap<>();
  private final Map<String, Long> startTimes = new HashMap<>();
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;

  public WindowFeed(Map<String, Object> clientProperties, Topics topics, AvroSerdes serdes, WindowGauges gauges,
      Duration staleAfter, long nowMs) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    long monthStart = LocalDate.ofInstant(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC).withDayOfMonth(1)
        .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    var requests = serdes.forValues(RequestWindow.class);
    var logs = serdes.forValues(LogWindow.class);
    var spend = serdes.forValues(SpendWindow.class);
    var alerts = serdes.forValues(Alert.class);
    long recent = nowMs - staleAfter.toMillis();
    on(topics.requestMetrics(), recent, bytes -> gauges.accept(requests.decode(topics.requestMetrics(), bytes)));
    on(topics.logMetrics(), recent, bytes -> gauges.accept(logs.decode(topics.logMetrics(), bytes)));
    on(topics.spendMetrics(), monthStart, bytes -> gauges.accept(spend.decode(topics.spendMetrics(), bytes)));
    on(topics.openSpendMetrics(), monthStart, bytes -> gauges.accept(spend.decode(topics.openSpendMetrics(), bytes)));
    on(topics.alerts(), 0L, bytes -> gauges.accept(alerts.decode(topics.alerts(), bytes)));
    this.thread = new Thread(this::run, "klaxon-exporter-feed");
  }

  private void on(String topic, long fromMs, Consumer<byte[]> handler) {
    handlers.put(topic, handler);
    startTimes.put(topic, fromMs);
  }

  public WindowFeed start() {
    thread.start();
    return this;
  }

  /** Whether the partitions are assigned and positioned (the exporter's readiness). */
  public boolean ready() {
    return assigned.getCount() == 0 && thread.isAlive();
  }

  private void run() {
    try {
      assignFromStartTimes();
      assigned.countDown();
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          handle(record);
        }
      }
    } catch (WakeupException stopping) {
      // close() was called
    } catch (RuntimeException e) {
      LOG.error("exporter feed stopped: {}", e.toString());
      throw e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void assignFromStartTimes() {
    List<TopicPartition> partitions = new ArrayList<>();
    Map<TopicPartition, Long> times = new HashMap<>();
    for (String topic : handlers.keySet()) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
        TopicPartition tp = new TopicPartition(topic, info.partition());
        partitions.add(tp);
        times.put(tp, startTimes.get(topic));
      }
    }
    consumer.assign(partitions);
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp found = offsets.get(tp);
      consumer.seek(tp, found != null ? found.offset() : ends.get(tp)); // nothing that recent: wait for new ones
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      handlers.get(record.topic()).accept(record.value());
    } catch (RuntimeException e) {
      LOG.warn("skipped a record that is not a window or alert: {}-{} offset {}: {}", record.topic(),
          record.partition(), record.offset(), e.getMessage());
    }
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

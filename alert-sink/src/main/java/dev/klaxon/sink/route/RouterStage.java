package dev.klaxon.sink.route;

import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.config.RouteConfig;
import dev.klaxon.sink.internal.GroupPartitioner;
import dev.klaxon.sink.internal.SinkConsumers;
import dev.klaxon.sink.internal.SinkTopics;
import dev.klaxon.sink.pipeline.SinkEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage one: reads alert transitions ({@code klaxon.alerts}, keyed by fingerprint), routes each and
 * writes it to the group-state topic once per matching route, in the partition of its group key.
 * Offsets are committed only after those writes are acknowledged, so a crash replays rather than
 * loses; replays are harmless, the state topic keeps the latest transition per alert and group.
 */
public final class RouterStage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RouterStage.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final Deserializer<Alert> alerts;
  private final Serializer<Alert> stateValues;
  private final Router router;
  private final SinkTopics topics;
  private final int statePartitions;
  private final SinkEvents events;
  private final Clock clock;
  private final Thread thread;
  /**
   * Groups each firing alert was last written to. An alert whose severity changes keeps its
   * fingerprint but may change routes (warning → Slack, critical → PagerDuty too); the groups it left
   * get it as resolved, or they would show it firing forever. In memory: after a restart, only
   * changes of alerts seen since are caught.
   */
  private final Map<String, java.util.Set<String>> lastGroups = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean healthy = true;

  public RouterStage(Map<String, Object> clientProperties, String groupId, Producer<String, byte[]> producer,
      Deserializer<Alert> alerts, Serializer<Alert> stateValues, Router router, SinkTopics topics,
      int statePartitions, SinkEvents events, Clock clock) {
    Map<String, Object> props = SinkConsumers.properties(clientProperties, groupId);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(props, new org.apache.kafka.common.serialization.StringDeserializer(),
        new ByteArrayDeserializer());
    this.producer = producer;
    this.alerts = alerts;
    this.stateValues = stateValues;
    this.router = router;
    this.topics = topics;
    this.statePartitions = statePartitions;
    this.events = events;
    this.clock = clock;
    this.thread = new Thread(this::run, "klaxon-sink-router");
  }

  public RouterStage start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topics.alerts()));
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        if (records.isEmpty()) {
          continue;
        }
        List<java.util.concurrent.Future<?>> writes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
          route(record, writes);
        }
        for (java.util.concurrent.Future<?> write : writes) {
          write.get();
        }
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      healthy = false;
      log.error("routing alerts stopped; uncommitted alerts are routed again on restart", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void route(ConsumerRecord<String, byte[]> record, List<java.util.concurrent.Future<?>> writes) {
    Alert alert;
    try {
      alert = alerts.deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      log.warn("dead-lettering unreadable alert {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
      writes.add(producer.send(new ProducerRecord<>(topics.deadLetter(), null, record.key(), record.value(),
          DeadLetterHeaders.describe(record.headers(), e, record.topic(), record.partition(), record.offset()))));
      return;
    }
    if (alert == null) {
      return;
    }
    List<String> keys = new ArrayList<>();
    Map<String, String> labels = AlertLabels.of(alert);
    byte[] value = stateValues.serialize(topics.groupState(), alert);
    for (RouteConfig route : router.match(labels)) {
      String groupKey = GroupKeys.of(route, route.groupBy().groupLabels(labels));
      keys.add(groupKey);
      writes.add(write(groupKey, alert.getFingerprint(), value));
    }
    java.util.Set<String> previous = alert.getStatus() == dev.klaxon.schemas.AlertStatus.firing
        ? lastGroups.put(alert.getFingerprint(), java.util.Set.copyOf(keys))
        : lastGroups.remove(alert.getFingerprint());
    if (previous != null) {
      Alert left = Alert.newBuilder(alert).setStatus(dev.klaxon.schemas.AlertStatus.resolved)
          .setEndsAt(alert.getEndsAt() != null ? alert.getEndsAt() : clock.millis()).build();
      byte[] leftValue = stateValues.serialize(topics.groupState(), left);
      for (String old : previous) {
        if (!keys.contains(old)) {
          writes.add(write(old, alert.getFingerprint(), leftValue));
        }
      }
    }
    events.received(alert, keys, clock.instant());
  }

  private java.util.concurrent.Future<?> write(String groupKey, String fingerprint, byte[] value) {
    return producer.send(new ProducerRecord<>(topics.groupState(), GroupPartitioner.partition(groupKey, statePartitions),
        GroupPartitioner.stateKey(groupKey, fingerprint), value));
  }

  public boolean isHealthy() {
    return healthy && thread.isAlive();
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

package dev.klaxon.sink.group;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.internal.GroupPartitioner;
import dev.klaxon.sink.internal.SinkConsumers;
import dev.klaxon.sink.nflog.NotificationLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
 * Stage two, the dispatcher's thread: owns the group-state partitions Kafka assigns to this
 * instance (one owner per group, so instances never double-send). On assignment it reads those
 * partitions from the beginning to rebuild their groups, waits until the notification log is read,
 * resumes each group's timer from its last notification, and only then starts flushing. Nothing
 * here depends on committed offsets: the compacted topic is the state.
 */
public final class GroupStage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupStage.class);
  private static final Duration MAX_POLL = Duration.ofMillis(100);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Deserializer<Alert> values;
  private final Dispatcher dispatcher;
  private final NotificationLog nflog;
  private final BooleanSupplier nflogCaughtUp;
  private final Clock clock;
  private final String topic;
  private final int partitions;
  private final Thread thread;
  /** Partitions still being read up to this offset before their groups may flush. */
  private final Map<TopicPartition, Long> restoring = new HashMap<>();
  private final Set<String> restoredGroups = new HashSet<>();
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  /**
   * A rebalance has given this instance its share (possibly none). Until then it owns nothing, e.g.
   * after a crash, while the dead instance's session runs out, and must not say it is ready.
   */
  private boolean assigned;
  private volatile boolean running = true;
  private volatile boolean ready;
  private volatile boolean healthy = true;

  public GroupStage(Map<String, Object> clientProperties, String groupId, String topic, int partitions,
      Deserializer<Alert> values, Dispatcher dispatcher, NotificationLog nflog, BooleanSupplier nflogCaughtUp,
      Clock clock) {
    Map<String, Object> props = SinkConsumers.properties(clientProperties, groupId);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.values = values;
    this.dispatcher = dispatcher;
    this.nflog = nflog;
    this.nflogCaughtUp = nflogCaughtUp;
    this.clock = clock;
    this.topic = topic;
    this.partitions = partitions;
    this.thread = new Thread(this::run, "klaxon-sink-dispatch");
  }

  public GroupStage start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Ownership());
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout())) {
          apply(record);
        }
        if (!restoring.isEmpty()) {
          restoring.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        }
        if (assigned && restoring.isEmpty() && nflogCaughtUp.getAsBoolean()) {
          resumeRestoredGroups();
          ready = true;
          dispatcher.tick();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      healthy = false;
      log.error("dispatching stopped; another instance takes the groups over once this one leaves", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private Duration pollTimeout() {
    if (!restoring.isEmpty()) {
      return Duration.ofMillis(20);
    }
    return dispatcher.nextDue().map(due -> Duration.between(clock.instant(), due))
        .filter(d -> d.compareTo(MAX_POLL) < 0).map(d -> d.isNegative() ? Duration.ZERO : d).orElse(MAX_POLL);
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    String groupKey = GroupPartitioner.groupKeyOf(record.key());
    if (record.value() == null) {
      dispatcher.remove(groupKey, GroupPartitioner.fingerprintOf(record.key()));
      return;
    }
    Alert alert;
    try {
      alert = values.deserialize(topic, record.value());
    } catch (SerializationException e) {
      log.warn("skipping unreadable group state {}: {}", record.offset(), e.getMessage());
      return;
    }
    if (!dispatcher.insert(groupKey, alert)) {
      log.debug("group {} belongs to a route no longer in the config; ignoring", groupKey);
      return;
    }
    if (restoring.containsKey(new TopicPartition(record.topic(), record.partition()))) {
      restoredGroups.add(groupKey);
    }
  }

  /** Groups rebuilt after an assignment continue from their last notification rather than start over. */
  private void resumeRestoredGroups() {
    for (String groupKey : restoredGroups) {
      nflog.lastNotified(groupKey).ifPresent(last -> dispatcher.resume(groupKey, last));
    }
    restoredGroups.clear();
  }

  private final class Ownership implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      drop(revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      drop(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      GroupStage.this.assigned = true; // called after every rebalance, even with nothing assigned
      if (assigned.isEmpty()) {
        return;
      }
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
      end.forEach((tp, offset) -> {
        owned.add(tp.partition());
        if (offset > 0) {
          restoring.put(tp, offset);
        }
      });
      log.info("now owning group partitions {}; rebuilding their groups", owned);
    }

    private void drop(Collection<TopicPartition> gone) {
      Set<Integer> numbers = new HashSet<>();
      gone.forEach(tp -> numbers.add(tp.partition()));
      owned.removeAll(numbers);
      gone.forEach(restoring::remove);
      dispatcher.dropGroups(key -> numbers.contains(GroupPartitioner.partition(key, partitions)));
    }
  }

  /** Caught up with its partitions and the notification log: flushing. */
  public boolean isReady() {
    return ready && healthy && thread.isAlive();
  }

  public boolean isHealthy() {
    return healthy && thread.isAlive();
  }

  public Instant now() {
    return clock.instant();
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

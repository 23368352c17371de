package dev.klaxon.replay.run;

import dev.klaxon.replay.ReplayException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The admin calls of a replay, each with a bounded wait and a message a person can act on. */
public final class ReplayAdmin implements AutoCloseable {

  static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final Admin admin;
  private final String bootstrapServers;

  private ReplayAdmin(Admin admin, String bootstrapServers) {
    this.admin = admin;
    this.bootstrapServers = bootstrapServers;
  }

  /** Connects and checks the cluster answers; an unreachable broker is one clear line, not a hang. */
  public static ReplayAdmin connect(Map<String, Object> clientProperties) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
    String servers = String.valueOf(props.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    Admin admin;
    try {
      admin = Admin.create(props);
    } catch (org.apache.kafka.common.KafkaException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ReplayException("cannot reach Kafka at " + servers + ": " + cause.getMessage(), e);
    }
    ReplayAdmin replayAdmin = new ReplayAdmin(admin, servers);
    try {
      replayAdmin.await(admin.describeCluster().nodes(), "reach Kafka");
    } catch (ReplayException e) {
      admin.close(Duration.ZERO);
      throw e;
    }
    return replayAdmin;
  }

  /** Partition count of each topic that exists; missing ones are left out. */
  public Map<String, Integer> partitionCounts(Collection<String> topics) {
    Set<String> existing = await(admin.listTopics().names(), "list topics");
    List<String> present = topics.stream().filter(existing::contains).toList();
    Map<String, TopicDescription> described = await(admin.describeTopics(present).allTopicNames(), "describe topics");
    return described.values().stream().collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
  }

  public void createTopics(Map<String, Integer> partitions) {
    List<NewTopic> topics = partitions.entrySet().stream()
        .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) -1)).toList();
    await(admin.createTopics(topics).all(), "create the replay's topics");
    awaitLeaders(partitions.keySet());
  }

  /**
   * Created is not yet writable: each partition needs a leader that knows it. Waiting here keeps the first
   * writes from queueing on metadata for a topic that is still being set up.
   */
  /**
   * Whether every partition's leader answers for it: metadata names a leader before that broker serves the
   * partition, and a producer's first batches can then wait on it until they expire.
   */
  private boolean offsetsServed(Map<String, TopicDescription> described)
      throws InterruptedException, TimeoutException {
    Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
        new java.util.HashMap<>();
    described.values().forEach(d -> d.partitions().forEach(p -> latest.put(
        new org.apache.kafka.common.TopicPartition(d.name(), p.partition()),
        org.apache.kafka.clients.admin.OffsetSpec.latest())));
    try {
      admin.listOffsets(latest).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException notYet) {
      return false;
    }
  }

  private void awaitLeaders(Collection<String> topics) {
    long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (described.values().stream().flatMap(d -> d.partitions().stream()).allMatch(p -> p.leader() != null)
            && offsetsServed(described)) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new ReplayException("cannot describe the replay's topics: " + e.getCause().getMessage(), e.getCause());
        }
      } catch (TimeoutException e) {
        // retried below until the deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException("interrupted while creating the replay's topics");
      }
      if (System.nanoTime() > deadline) {
        throw new ReplayException("the replay's topics got no leader within " + CALL_TIMEOUT.toSeconds() + "s at "
            + bootstrapServers);
      }
      try {
        Thread.sleep(50); // polling a condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ReplayException("interrupted while creating the replay's topics");
      }
    }
  }

  /** Drops every record of {@code topics} (replay-owned only), as if they had never been written. */
  public void emptyTopics(ReplayTopics owner, Collection<String> topics) {
    Map<TopicPartition, Long> ends = endOffsets(topics);
    Map<TopicPartition, RecordsToDelete> deletes = new HashMap<>();
    ends.forEach((partition, end) -> {
      owner.requireOwned(partition.topic());
      deletes.put(partition, RecordsToDelete.beforeOffset(end));
    });
    await(admin.deleteRecords(deletes).all(), "empty the replay's open-window topics");
  }

  /** Committed end (read_committed) of every partition of {@code topics}. */
  public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
    return offsets(topics, OffsetSpec.latest());
  }

  /** First retained offset of every partition of {@code topics}. */
  public Map<TopicPartition, Long> startOffsets(Collection<String> topics) {
    return offsets(topics, OffsetSpec.earliest());
  }

  private Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec) {
    Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames(), "describe topics");
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    described.values().forEach(d -> d.partitions()
        .forEach(p -> specs.put(new TopicPartition(d.name(), p.partition()), spec)));
    var result = await(admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(),
        "read end offsets");
    Map<TopicPartition, Long> out = new HashMap<>();
    result.forEach((partition, info) -> out.put(partition, info.offset()));
    return out;
  }

  /** Offsets committed by a consumer group (a Streams app's id), by partition. */
  public Map<TopicPartition, Long> committed(String groupId) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(), "read committed offsets");
    Map<TopicPartition, Long> out = new HashMap<>();
    offsets.forEach((partition, offset) -> {
      if (offset != null) {
        out.put(partition, offset.offset());
      }
    });
    return out;
  }

  /** Topic names the cluster has. */
  public Set<String> topicNames() {
    return await(admin.listTopics().names(), "list topics");
  }

  /** Deletes topics and groups; failures are reported, not thrown, so clean-up does what it can. */
  public List<String> delete(Collection<String> topics, Collection<String> groups) {
    List<String> problems = new java.util.ArrayList<>();
    // A group that never committed (the replay stopped before its app ran) does not exist: nothing to delete.
    var deletions = admin.deleteConsumerGroups(groups).deletedGroups();
    deletions.forEach((group, deleted) -> {
      try {
        deleted.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
          problems.add("cannot delete group " + group + ": " + e.getCause().getMessage());
        }
      } catch (TimeoutException e) {
        problems.add("cannot delete group " + group + ": no answer within " + CALL_TIMEOUT.toSeconds() + "s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // A topic already gone (an exit hook and the replay's own clean-up racing) is as good as deleted.
    admin.deleteTopics(topics).topicNameValues().forEach((topic, deleted) -> {
      try {
        deleted.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          problems.add("cannot delete topic " + topic + ": " + e.getCause().getMessage());
        }
      } catch (TimeoutException e) {
        problems.add("cannot delete topic " + topic + ": no answer within " + CALL_TIMEOUT.toSeconds() + "s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return problems;
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ReplayException("cannot " + what + ": no answer from Kafka at " + bootstrapServers + " within "
          + CALL_TIMEOUT.toSeconds() + "s (is it running? --bootstrap-servers says where it is)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new ReplayException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
      }
      throw new ReplayException("cannot " + what + " at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted while trying to " + what);
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}

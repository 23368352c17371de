package dev.klaxon.sink.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the topics the sink needs when they are missing; returns the group-state topic's partition count. */
public final class TopicSetup {

  private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

  private TopicSetup() {}

  public static int ensure(Map<String, Object> clientProperties, SinkTopics topics, int statePartitions) {
    try (Admin admin = Admin.create(clientProperties)) {
      Set<String> existing = admin.listTopics().names().get();
      int alertPartitions = existing.contains(topics.alerts())
          ? describe(admin, topics.alerts()).partitions().size() : 1;
      int wanted = statePartitions > 0 ? statePartitions : alertPartitions;
      List<NewTopic> missing = new ArrayList<>();
      Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      if (!existing.contains(topics.alerts())) {
        missing.add(new NewTopic(topics.alerts(), alertPartitions, (short) -1));
      }
      for (String topic : List.of(topics.notifications(), topics.silences(), topics.groupState())) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, topic.equals(topics.groupState()) ? wanted : 1, (short) -1).configs(compacted));
        }
      }
      if (!existing.contains(topics.deadLetter())) {
        missing.add(new NewTopic(topics.deadLetter(), 1, (short) -1));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e; // another instance creating them at the same time is fine
          }
        }
      }
      return describe(admin, topics.groupState()).partitions().size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot check or create the sink's topics: " + e.getCause().getMessage(), e);
    }
  }

  /** A topic created a moment ago (here or by another instance) may not be in the broker's metadata yet. */
  private static TopicDescription describe(Admin admin, String topic) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
    while (true) {
      try {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}

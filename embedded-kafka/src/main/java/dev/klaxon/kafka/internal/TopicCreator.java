package dev.klaxon.kafka.internal;

import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics idempotently and returns once the broker serves them. */
public final class TopicCreator {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Design §3: open-window topics only carry running values, so they need not be kept long. */
  private static final String OPEN_WINDOW_RETENTION_MS = String.valueOf(Duration.ofHours(1).toMillis());

  private final Admin admin;

  public TopicCreator(Admin admin) {
    this.admin = admin;
  }

  /** Klaxon's topics for one prefix on a single broker: compacted where {@link Topics#isCompacted} says so. */
  public static List<NewTopic> klaxonTopics(Topics topics, int partitions) {
    return klaxonTopics(topics, partitions, (short) 1);
  }

  /** As {@link #klaxonTopics(Topics, int)}, each partition on {@code replicationFactor} brokers. */
  public static List<NewTopic> klaxonTopics(Topics topics, int partitions, short replicationFactor) {
    List<NewTopic> result = new ArrayList<>();
    for (String name : topics.all()) {
      NewTopic topic = new NewTopic(name, partitions, replicationFactor);
      if (topics.isCompacted(name)) {
        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      } else if (topics.isOpenWindows(name)) {
        topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, OPEN_WINDOW_RETENTION_MS));
      }
      result.add(topic);
    }
    return result;
  }

  /** Creates the topics that do not exist yet; existing ones are left as they are. */
  public void create(Collection<NewTopic> topics) {
    Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        result.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("topic " + result.getKey() + " not created within " + TIMEOUT, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted creating topic " + result.getKey(), e);
      }
    }
    awaitServed(topics.stream().map(NewTopic::name).collect(Collectors.toSet()));
  }

  /**
   * The controller acknowledges a creation before the broker's metadata cache holds the topic, and
   * the cache holds it before the broker leads its partitions. A Streams app started in between
   * stops with a missing source topic; a producer logs retries. Listing offsets needs the leader.
   */
  private void awaitServed(Set<String> names) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      Map<String, TopicDescription> described;
      while ((described = describeIfAllKnown(names)) == null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics " + names + " not visible within " + TIMEOUT);
        }
        pause();
      }
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      described.values().forEach(topic -> topic.partitions().forEach(
          p -> partitions.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
      long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      admin.listOffsets(partitions).all().get(remainingMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for topics " + names, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("partitions of " + names + " not led within " + TIMEOUT, e);
    }
  }

  /** The topics' descriptions, or null while the broker does not know all of them yet. */
  private Map<String, TopicDescription> describeIfAllKnown(Set<String> names)
      throws InterruptedException {
    try {
      return admin.describeTopics(names).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw new IllegalStateException("cannot describe topics " + names, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("topics " + names + " not described within " + TIMEOUT, e);
    }
  }

  /** Between polls of the metadata cache, which catches up within milliseconds. */
  private static void pause() throws InterruptedException {
    TimeUnit.MILLISECONDS.sleep(20);
  }
}

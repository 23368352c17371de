package dev.klaxon.kafka.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@KafkaIntegrationTest
class EmbeddedKafkaExtensionIntegrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Set<String> PREFIXES_SEEN = ConcurrentHashMap.newKeySet();
  private static final Set<String> APPLICATION_IDS_SEEN = ConcurrentHashMap.newKeySet();
  private static final Set<String> BROKERS_SEEN = ConcurrentHashMap.newKeySet();

  private KafkaTestEnv beforeEachEnv;

  @BeforeEach
  void rememberEnv(KafkaTestEnv env) {
    beforeEachEnv = env;
  }

  @Test
  void producedRecordsAreConsumedInOrder(KafkaTestEnv env) throws Exception {
    Topics topics = env.createTopics(2);
    try (KafkaProducer<String, String> producer = env.producer(new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 20; i++) {
        producer.send(new ProducerRecord<>(topics.requests(), "svc-" + (i % 3), "event-" + i));
      }
      producer.flush();
    }

    List<ConsumerRecord<String, String>> read = env.read(topics.requests(),
        new StringDeserializer(), new StringDeserializer(), 20, TIMEOUT);

    assertThat(read).hasSize(20);
    assertThat(read.stream().filter(r -> r.key().equals("svc-1")).map(ConsumerRecord::value))
        .containsExactly("event-1", "event-4", "event-7", "event-10", "event-13", "event-16", "event-19");
  }

  @Test
  void abortedTransactionsAreInvisibleToReadCommittedConsumers(KafkaTestEnv env) throws Exception {
    String topic = env.createTopic("tx", 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        env.transactionalProducerProperties("tx"), new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      inTransaction(producer, topic, "committed-1");
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted")).get();
      producer.abortTransaction();
      inTransaction(producer, topic, "committed-2");
    }

    List<ConsumerRecord<String, String>> committed = env.readUntil(topic, new StringDeserializer(),
        new StringDeserializer(), read -> read.stream().anyMatch(r -> r.value().equals("committed-2")), TIMEOUT);
    assertThat(committed).extracting(ConsumerRecord::value).containsExactly("committed-1", "committed-2");
    // The aborted record was written: only the isolation level hides it.
    assertThat(readUncommitted(env, topic)).contains("aborted");
  }

  @Test
  void klaxonTopicsAreCreatedIdempotentlyWithCompaction(KafkaTestEnv env, EmbeddedKafka kafka) throws Exception {
    Topics topics = env.createTopics(2);
    env.createTopics(4); // already there: kept as they are

    try (Admin admin = Admin.create(kafka.clientProperties())) {
      Map<String, TopicDescription> described = admin.describeTopics(topics.all()).allTopicNames().get();
      assertThat(described).hasSize(topics.all().size());
      assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(2));
      assertThat(cleanupPolicy(admin, topics.notifications())).isEqualTo("compact");
      assertThat(cleanupPolicy(admin, topics.silences())).isEqualTo("compact");
      assertThat(cleanupPolicy(admin, topics.requests())).isEqualTo("delete");
    }
  }

  @Test
  void concurrentCreationOfTheSameAndOtherTopicsSucceeds(EmbeddedKafka kafka) throws Exception {
    List<Topics> prefixes = List.of(new Topics("race-a."), new Topics("race-b."), new Topics("race-a."));
    ExecutorService threads = Executors.newFixedThreadPool(prefixes.size());
    try {
      List<Future<?>> creations = new ArrayList<>();
      prefixes.forEach(topics -> creations.add(threads.submit(() -> kafka.createTopics(topics, 1))));
      for (Future<?> creation : creations) {
        creation.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      assertThat(admin.listTopics().names().get())
          .containsAll(new Topics("race-a.").all())
          .containsAll(new Topics("race-b.").all());
    }
  }

  @RepeatedTest(3)
  void everyTestGetsItsOwnNamesOnTheSameBroker(KafkaTestEnv env) {
    assertThat(env).isSameAs(beforeEachEnv);
    assertThat(PREFIXES_SEEN.add(env.topics().prefix())).as("prefix %s is new", env.topics().prefix()).isTrue();
    assertThat(APPLICATION_IDS_SEEN.add(env.applicationId())).as("application id %s is new", env.applicationId()).isTrue();
    assertThat(env.topics().prefix()).matches("t\\d+-everyTestGetsItsOwnNamesOnTheSameBroker\\.");
    BROKERS_SEEN.add(env.bootstrapServers());
    assertThat(BROKERS_SEEN).hasSize(1);
  }

  private static void inTransaction(KafkaProducer<String, String> producer, String topic, String value)
      throws Exception {
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, "k", value)).get();
    producer.commitTransaction();
  }

  private static List<String> readUncommitted(KafkaTestEnv env, String topic) {
    Map<String, Object> props = new HashMap<>(env.consumerProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    TopicPartition partition = new TopicPartition(topic, 0);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!values.contains("committed-2") && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  private static String cleanupPolicy(Admin admin, String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.get("cleanup.policy").value();
  }
}

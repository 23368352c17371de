package dev.klaxon.kafka.junit;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.internal.CommittedRecordReader;
import dev.klaxon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One test's view of the shared broker: names no other test uses (topic prefix, application id,
 * group and transactional ids) and the client settings tests keep writing. Immutable, so tests
 * running in parallel may share nothing but the broker.
 */
public final class KafkaTestEnv {

  private final EmbeddedKafka kafka;
  private final String name;
  private final Path stateDir;

  KafkaTestEnv(EmbeddedKafka kafka, String name, Path stateDir) {
    this.kafka = kafka;
    this.name = name;
    this.stateDir = stateDir;
  }

  /** The broker every test in this JVM shares. */
  public EmbeddedKafka kafka() {
    return kafka;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Klaxon's topics under this test's own prefix, e.g. {@code t7-countsRequests.requests}. */
  public Topics topics() {
    return new Topics(name + ".");
  }

  /** A Kafka Streams {@code application.id} no other test uses. */
  public String applicationId() {
    return name;
  }

  /** A name no other test uses, for extra group or transactional ids: {@code t7-countsRequests-suffix}. */
  public String uniqueName(String suffix) {
    return name + "-" + suffix;
  }

  /** Creates all of {@link #topics()} with the given partitions. */
  public Topics createTopics(int partitions) {
    kafka.createTopics(topics(), partitions);
    return topics();
  }

  /** Creates a topic outside Klaxon's set, under this test's prefix; returns its full name. */
  public String createTopic(String suffix, int partitions) {
    String topic = topics().prefix() + suffix;
    kafka.createTopic(topic, partitions);
    return topic;
  }

  /** Idempotent producer, {@code acks=all}; pass serializers to the {@link KafkaProducer} constructor. */
  public Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return props;
  }

  /** {@link #producerProperties()} with a transactional id unique to this test and suffix. */
  public Map<String, Object> transactionalProducerProperties(String suffix) {
    Map<String, Object> props = producerProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, uniqueName(suffix));
    return props;
  }

  /**
   * A consumer in this test's own group, reading committed records from the earliest offset,
   * committing explicitly.
   */
  public Map<String, Object> consumerProperties() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, uniqueName("consumer"));
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  /**
   * {@code application.id}, {@code bootstrap.servers} and a {@code state.dir} of this test's own,
   * deleted with the broker, so no state is left from an earlier run. Add the processing guarantee
   * and serdes the app under test needs.
   */
  public Map<String, Object> streamsProperties() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("application.id", applicationId());
    props.put("state.dir", stateDir.resolve(name).toString());
    return props;
  }

  public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
    return new KafkaProducer<>(producerProperties(), keys, values);
  }

  public <K, V> KafkaConsumer<K, V> consumer(Deserializer<K> keys, Deserializer<V> values) {
    return new KafkaConsumer<>(consumerProperties(), keys, values);
  }

  /**
   * Reads {@code topic} from the beginning, committed records only, until {@code done} holds for
   * everything read so far; fails with an {@link AssertionError} after {@code timeout}.
   */
  public <K, V> List<ConsumerRecord<K, V>> readUntil(String topic, Deserializer<K> keys,
      Deserializer<V> values, Predicate<List<ConsumerRecord<K, V>>> done, Duration timeout) {
    return new CommittedRecordReader(kafka.clientProperties()).readUntil(topic, keys, values, done, timeout);
  }

  /** Reads committed records until at least {@code count} arrived; see {@link #readUntil}. */
  public <K, V> List<ConsumerRecord<K, V>> read(String topic, Deserializer<K> keys,
      Deserializer<V> values, int count, Duration timeout) {
    return readUntil(topic, keys, values, read -> read.size() >= count, timeout);
  }

  @Override
  public String toString() {
    return "KafkaTestEnv[" + name + " on " + kafka.bootstrapServers() + "]";
  }
}

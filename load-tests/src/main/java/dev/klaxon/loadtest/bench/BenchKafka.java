package dev.klaxon.loadtest.bench;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the throughput benchmarks share: the broker (an external one, or an embedded one for the
 * run), topics, a fast producer, a plain consumer reading a topic to its end, and timing a Streams
 * app by its committed offsets.
 */
final class BenchKafka implements AutoCloseable {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final EmbeddedKafka embedded;
  private final String bootstrapServers;
  private final Admin admin;

  private BenchKafka(EmbeddedKafka embedded, String bootstrapServers) {
    this.embedded = embedded;
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  /** @param bootstrapServers an external cluster, or null to start an embedded broker for this run */
  static BenchKafka connect(String bootstrapServers) {
    if (bootstrapServers != null) {
      return new BenchKafka(null, bootstrapServers);
    }
    EmbeddedKafka embedded = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()).start();
    return new BenchKafka(embedded, embedded.bootstrapServers());
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** Klaxon's topics under a prefix of this run's own: {@code bench-<millis>.}. */
  Topics createTopics(int partitions) throws Exception {
    Topics topics = new Topics("bench-" + System.currentTimeMillis() + ".");
    // Waits until the broker leads every partition: an idempotent producer that starts while a new
    // partition is still being set up can be stuck on OUT_OF_ORDER_SEQUENCE_NUMBER retries.
    new TopicCreator(admin).create(TopicCreator.klaxonTopics(topics, partitions));
    return topics;
  }

  /** Idempotent, acks=all, batched: a producer tuned for throughput, as an application's would be. */
  Map<String, Object> producerProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    return props;
  }

  /** A plain consumer reads {@code events} records of {@code topic} from the start, each through {@code work}; events/s. */
  double consume(String topic, long events, Consumer<ConsumerRecord<byte[], byte[]>> work) {
    return consumeTimed(topic, events, work).rate();
  }

  /**
   * As {@link #consume}, also giving the CPU time of the consuming thread (the classic consumer
   * fetches in the thread that polls): unlike events/s, CPU per event does not depend on what else
   * runs on the machine.
   */
  ConsumeRun consumeTimed(String topic, long events, Consumer<ConsumerRecord<byte[], byte[]>> work) {
    long cpuStart = THREADS.getCurrentThreadCpuTime();
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long start = System.nanoTime();
      long read = 0;
      long lastRecordAt = System.nanoTime();
      while (read < events) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          work.accept(record);
          read++;
        }
        if (!records.isEmpty()) {
          lastRecordAt = System.nanoTime();
        } else if (System.nanoTime() - lastRecordAt > Duration.ofSeconds(60).toNanos()) {
          throw new IllegalStateException("read " + read + " of " + events + " events of " + topic
              + ", then nothing for 60 s");
        }
      }
      return new ConsumeRun(rate(read, start), (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }
  }

  /** Events/s, and CPU seconds of the consuming thread. */
  record ConsumeRun(double rate, double cpuSeconds) {}

  /** Something that starts a Streams app; closing it stops the app. */
  interface AppStart {
    AutoCloseable start() throws Exception;
  }

  /**
   * Starts a Streams app reading {@code topic} from the start and times it until its committed offsets
   * reach the topic's end: the events are then processed and their results committed.
   */
  StreamsRun timeStreamsApp(String topic, String applicationId, long events, AppStart app) throws Exception {
    return timeStreamsApp(topic, applicationId, events, app, List.of());
  }

  /**
   * As {@link #timeStreamsApp(String, String, long, AppStart)}, for an app that passes its input on
   * through {@code internalTopics} (repartition topics): once the input is committed, the app has
   * written all it will write there, and the run ends when those are consumed to their ends too.
   */
  StreamsRun timeStreamsApp(String topic, String applicationId, long events, AppStart app,
      List<String> internalTopics) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets(List.of(topic));

    long start = System.nanoTime();
    CommitSteps steps = new CommitSteps();
    boolean hopsAdded = false;
    try (AutoCloseable ignored = app.start()) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        long done = ends.keySet().stream()
            .mapToLong(tp -> committed.get(tp) == null ? 0 : committed.get(tp).offset()).sum();
        steps.observe(System.nanoTime(), done);
        if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue())) {
          if (!hopsAdded && !internalTopics.isEmpty()) {
            ends.putAll(endOffsets(internalTopics)); // the input is done: the hops have all they will get
            hopsAdded = true;
            continue;
          }
          long end = System.nanoTime();
          return new StreamsRun(events / ((end - start) / 1e9), steps.steadyRate(end),
              (steps.firstAt() - start) / 1e9, streamThreadsCpuSeconds(applicationId));
        }
        Thread.sleep(100); // polling an external progress marker; nothing to await on
      }
    }
  }

  /**
   * The committed input offsets as seen by polling: each commit shows as a step. The steady rate is
   * the slope from the first step to the last but one. The last step does not count: the final
   * commit comes up to a commit interval after the last event was processed, time in which the app
   * had nothing left to do (with a 500 ms interval, up to a tenth of a 5 s run).
   */
  static final class CommitSteps {
    private long firstAt;
    private long firstDone;
    private long lastDone;
    private long previousStepAt;
    private long previousStepDone;
    private long lastStepAt;

    void observe(long nanos, long done) {
      if (done == lastDone) {
        return;
      }
      if (firstAt == 0) {
        firstAt = nanos;
        firstDone = done;
      }
      previousStepAt = lastStepAt;
      previousStepDone = lastDone;
      lastStepAt = nanos;
      lastDone = done;
    }

    long firstAt() {
      return firstAt;
    }

    /** Events/s between commits; with fewer than three steps, from the first step to {@code endNanos}. */
    double steadyRate(long endNanos) {
      if (previousStepAt > firstAt) {
        return (previousStepDone - firstDone) / ((previousStepAt - firstAt) / 1e9);
      }
      return (lastDone - firstDone) / ((endNanos - firstAt) / 1e9);
    }
  }

  private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
        .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    return admin.listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset(), (a, b) -> a, HashMap::new));
  }

  static double rate(long count, long startNanos) {
    return count / ((System.nanoTime() - startNanos) / 1e9);
  }

  /**
   * CPU seconds used so far by the stream threads of the app's instances in this JVM (threads
   * {@code <application id>-<uuid>-StreamThread-<n>}: consumer, processing and commits; the producers'
   * network threads and the broker are not counted).
   */
  static double streamThreadsCpuSeconds(String applicationId) {
    long nanos = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith(applicationId + "-") && name.contains("-StreamThread-")) {
        nanos += Math.max(0, THREADS.getThreadCpuTime(thread.getId()));
      }
    }
    return nanos / 1e9;
  }

  /**
   * Events/s from start to the last commit, and between commits (start-up and the wait for the final
   * commit excluded, {@link CommitSteps}); CPU seconds of the app's stream threads until then.
   */
  record StreamsRun(double overall, double steady, double startupSeconds, double cpuSeconds) {}

  @Override
  public void close() {
    admin.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}

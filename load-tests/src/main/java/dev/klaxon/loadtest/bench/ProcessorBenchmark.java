package dev.klaxon.loadtest.bench;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.processor.LatencyHistogram;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of the metrics processor against a plain consumer on the same data (design §6):
 * produce N request events, then in one run measure (a) a plain consumer reading them, (b) a plain
 * consumer decoding Avro and updating a histogram per (service, route, minute) — the hand-written
 * lower bound of the job — and (c) the exactly-once processor consuming them to completion.
 */
public final class ProcessorBenchmark {

  /** @param bootstrapServers external cluster, or null for an embedded broker */
  public record Options(long events, int partitions, String bootstrapServers) {}

  private final Options options;
  private final PrintStream out;

  public ProcessorBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    new ProcessorBenchmark(new Options(events, 3, null), System.out).run();
  }

  public void run() throws Exception {
    EmbeddedKafka embedded = null;
    String bootstrap = options.bootstrapServers();
    if (bootstrap == null) {
      embedded = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()).start();
      bootstrap = embedded.bootstrapServers();
    }
    Path stateDir = Files.createTempDirectory("klaxon-bench-state");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Topics topics = new Topics("bench-" + System.currentTimeMillis() + ".");
      createTopics(admin, topics);
      out.printf("benchmark: %,d request events, %d partitions, topic %s%n", options.events(), options.partitions(),
          topics.requests());

      double produced = produce(bootstrap, topics);
      out.printf("  produce (idempotent, acks=all)         %,12.0f events/s%n", produced);

      double plain = consume(bootstrap, topics, record -> { });
      out.printf("  (a) plain consumer, bytes only         %,12.0f events/s%n", plain);

      HandWrittenAggregation handWritten = new HandWrittenAggregation();
      double decoding = consume(bootstrap, topics, handWritten);
      out.printf("  (b) plain consumer, Avro + histograms  %,12.0f events/s  (%d series-minutes)%n", decoding,
          handWritten.histograms.size());

      ProcessorRun run = runProcessor(admin, bootstrap, topics, stateDir);
      out.printf("  (c) Klaxon processor, exactly-once     %,12.0f events/s  (steady %,.0f/s after %.1f s start-up)%n",
          run.overall(), run.steady(), run.startupSeconds());
      out.printf("  ratio (c)/(a) %.2f   (c)/(b) %.2f%n", run.overall() / plain, run.overall() / decoding);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void createTopics(Admin admin, Topics topics) throws Exception {
    admin.createTopics(topics.all().stream()
        .map(name -> new org.apache.kafka.clients.admin.NewTopic(name, options.partitions(), (short) 1))
        .toList()).all().get();
  }

  private double produce(String bootstrap, Topics topics) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    // Synthetic event time ending now, so windows close by event time and the idle wall clock.
    TrafficProfile profile = TrafficProfile.benchmark();
    long spanMs = (long) (options.events() / profile.requestsPerSecond() * 1000);
    TrafficGenerator generator = new TrafficGenerator(profile, 1, System.currentTimeMillis() - spanMs);
    long start = System.nanoTime();
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      EventSink sink = new EventSink() {
        @Override
        public void request(RequestEvent event) {
          producer.send(new ProducerRecord<>(topics.requests(), null, event.getTimestamp(), event.getService(),
              serde.encode(event)));
        }

        @Override
        public void log(LogEvent event) {
          throw new IllegalStateException("the benchmark profile has no logs");
        }
      };
      for (long i = 0; i < options.events(); i++) {
        generator.emitNext(sink);
      }
      producer.flush();
    }
    return rate(options.events(), start);
  }

  private double consume(String bootstrap, Topics topics, Consumer<ConsumerRecord<byte[], byte[]>> work) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 * 1024 * 1024));
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topics.requests()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long start = System.nanoTime();
      long read = 0;
      while (read < options.events()) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          work.accept(record);
          read++;
        }
      }
      return rate(read, start);
    }
  }

  private ProcessorRun runProcessor(Admin admin, String bootstrap, Topics topics, Path stateDir) throws Exception {
    String applicationId = "klaxon-bench-" + System.currentTimeMillis();
    MetricsConfig config = MetricsConfig.defaults(topics);
    ProcessorSettings settings = ProcessorSettings.defaults(bootstrap, stateDir).withApplicationId(applicationId);
    Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topics.requests())).allTopicNames().get()
        .get(topics.requests()).partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topics.requests(), p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = admin.listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));

    long start = System.nanoTime();
    long firstProgressAt = 0;
    long committedAtFirstProgress = 0;
    try (MetricsProcessor ignored = MetricsProcessor.start(config, settings)) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        long done = ends.keySet().stream()
            .mapToLong(tp -> committed.get(tp) == null ? 0 : committed.get(tp).offset()).sum();
        if (done > 0 && firstProgressAt == 0) {
          firstProgressAt = System.nanoTime();
          committedAtFirstProgress = done;
        }
        if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
            && committed.get(e.getKey()).offset() >= e.getValue())) {
          long end = System.nanoTime();
          double overall = options.events() / ((end - start) / 1e9);
          double steady = (options.events() - committedAtFirstProgress) / ((end - firstProgressAt) / 1e9);
          return new ProcessorRun(overall, steady, (firstProgressAt - start) / 1e9);
        }
        Thread.sleep(100); // polling an external progress marker; nothing to await on
      }
    }
  }

  private static double rate(long count, long startNanos) {
    return count / ((System.nanoTime() - startNanos) / 1e9);
  }

  private record ProcessorRun(double overall, double steady, double startupSeconds) {}

  /** What a person would write by hand with a plain consumer: the comparison point of §6. */
  private static final class HandWrittenAggregation implements Consumer<ConsumerRecord<byte[], byte[]>> {
    private final AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    private final Map<String, Histogram> histograms = new HashMap<>();

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
      RequestEvent event = serde.decode(record.value());
      String key = event.getService() + '|' + event.getRoute() + '|' + event.getTimestamp() / 60_000;
      LatencyHistogram.recordMillis(histograms.computeIfAbsent(key, k -> LatencyHistogram.create()),
          event.getDurationMs());
    }
  }
}

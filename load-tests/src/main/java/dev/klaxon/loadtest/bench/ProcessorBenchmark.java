package dev.klaxon.loadtest.bench;

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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

  /** What one run measured, events/s: (a), (b) and (c) below. */
  public record Result(double plainConsumer, double handWritten, double processor, double processorSteady) {}

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

  public Result run() throws Exception {
    Path stateDir = Files.createTempDirectory("klaxon-bench-state");
    try (BenchKafka kafka = BenchKafka.connect(options.bootstrapServers())) {
      Topics topics = kafka.createTopics(options.partitions());
      out.printf("benchmark: %,d request events, %d partitions, topic %s%n", options.events(), options.partitions(),
          topics.requests());

      double produced = produce(kafka, topics);
      out.printf("  produce (idempotent, acks=all)         %,12.0f events/s%n", produced);

      double plain = kafka.consume(topics.requests(), options.events(), record -> { });
      out.printf("  (a) plain consumer, bytes only         %,12.0f events/s%n", plain);

      HandWrittenAggregation handWritten = new HandWrittenAggregation();
      double decoding = kafka.consume(topics.requests(), options.events(), handWritten);
      out.printf("  (b) plain consumer, Avro + histograms  %,12.0f events/s  (%d series-minutes)%n", decoding,
          handWritten.histograms.size());

      String applicationId = "klaxon-bench-" + System.currentTimeMillis();
      ProcessorSettings settings = ProcessorSettings.defaults(kafka.bootstrapServers(), stateDir)
          .withApplicationId(applicationId);
      BenchKafka.StreamsRun run = kafka.timeStreamsApp(topics.requests(), applicationId, options.events(),
          () -> MetricsProcessor.start(MetricsConfig.defaults(topics), settings));
      out.printf("  (c) Klaxon processor, exactly-once     %,12.0f events/s  (steady %,.0f/s after %.1f s start-up)%n",
          run.overall(), run.steady(), run.startupSeconds());
      out.printf("  ratio (c)/(a) %.2f   (c)/(b) %.2f%n", run.overall() / plain, run.overall() / decoding);
      return new Result(plain, decoding, run.overall(), run.steady());
    }
  }

  private double produce(BenchKafka kafka, Topics topics) {
    AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    // Synthetic event time ending now, so windows close by event time and the idle wall clock.
    TrafficProfile profile = TrafficProfile.benchmark();
    long spanMs = (long) (options.events() / profile.requestsPerSecond() * 1000);
    TrafficGenerator generator = new TrafficGenerator(profile, 1, System.currentTimeMillis() - spanMs);
    long start = System.nanoTime();
    try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
        new ByteArraySerializer())) {
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
    return BenchKafka.rate(options.events(), start);
  }

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

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
 * lower bound of the job — and (c) the exactly-once processor consuming them to completion; with
 * {@code instances} above 1, also (d) that many processor instances sharing one application id.
 *
 * <p>Besides events/s, each line gives the CPU time per event of the thread(s) doing the work — the
 * consumer's, or the processor's stream threads — which, unlike the rates, does not depend on what
 * else the machine runs: on a shared machine compare those.
 *
 * <p>The JVM is warmed up first: (b) and (c) each run once, untimed, on the same events. On 2 cores
 * the JIT compiler takes most of a core for the first half minute, while the Kafka, Streams and Avro
 * code these runs share is compiled, and a cold processor measured a third less than a warm one (a
 * processor runs for days). The first pass's figures are printed too.
 *
 * <p>The ratio that counts is the processor's <em>steady</em> rate against (b): the events it
 * committed between its first commit and its last but one, over that time. A processor runs for
 * days, so its throughput is the steady one; its start-up (joining the group, its producer's
 * transactions, restoring its stores: 0.8–2 s on the embedded broker, and not the same twice) is a
 * fixed cost, printed in seconds beside it, and so is the wait for its final commit. The overall
 * rate, both included, is printed too.
 *
 * <p>The host's speed can change by half within a minute, so one (b) against one (c) is a noisy
 * ratio; with {@code rounds} above 1 the pair is measured that many times and the round with the
 * median steady ratio is the result.
 *
 * <p>Instances, not threads: N {@link MetricsProcessor}s (N Kafka Streams clients, each with its
 * own consumer, producer, transactions and state directory) in this JVM, as N processes would run
 * them; the group spreads the input partitions over them. One client with N stream threads would
 * share the client's producer-per-thread and state directory, and is not how the processor scales
 * out across machines.
 */
public final class ProcessorBenchmark {

  /**
   * @param bootstrapServers external cluster, or null for an embedded broker
   * @param instances processor instances of the scale-out run (d); 1: none
   * @param commitInterval the processors' commit interval (and so their open-window publication interval)
   * @param threads stream threads of each processor
   * @param warmUp run (b) and (c) once untimed before measuring
   * @param rounds how many times to measure (b) then (c); the round with the median steady (c)/(b) counts
   */
  public record Options(long events, int partitions, String bootstrapServers, int instances,
      Duration commitInterval, int threads, boolean warmUp, int rounds) {

    public Options {
      if (instances < 1) {
        throw new IllegalArgumentException("instances must be at least 1, got " + instances);
      }
      if (commitInterval.isNegative() || commitInterval.isZero()) {
        throw new IllegalArgumentException("commitInterval must be positive, got " + commitInterval);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      if (rounds < 1) {
        throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
      }
    }

    public Options(long events, int partitions, String bootstrapServers) {
      this(events, partitions, bootstrapServers, 1, ProcessorSettings.DEFAULT_COMMIT_INTERVAL, 1, true, 1);
    }
  }

  /** What one run measured, events/s: (a), (b) and (c) below, (c) overall and after its start-up. */
  public record Result(double plainConsumer, double handWritten, double processor, double processorSteady) {}

  private final Options options;
  private final PrintStream out;

  public ProcessorBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Arguments: [events [instances [commit interval ms [threads [warm-up: true|false [rounds]]]]]]. */
  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Duration commitInterval = args.length > 2 ? Duration.ofMillis(Long.parseLong(args[2]))
        : ProcessorSettings.DEFAULT_COMMIT_INTERVAL;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    boolean warmUp = args.length <= 4 || Boolean.parseBoolean(args[4]);
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    new ProcessorBenchmark(new Options(events, 3, null, instances, commitInterval, threads, warmUp, rounds),
        System.out).run();
  }

  public Result run() throws Exception {
    Path stateDir = Files.createTempDirectory("klaxon-bench-state");
    try (BenchKafka kafka = BenchKafka.connect(options.bootstrapServers())) {
      Topics topics = kafka.createTopics(options.partitions());
      out.printf("benchmark: %,d request events, %d partitions, topic %s, commit interval %d ms, %d stream thread(s), %d cores%n",
          options.events(), options.partitions(), topics.requests(), options.commitInterval().toMillis(),
          options.threads(), Runtime.getRuntime().availableProcessors());

      double produced = produce(kafka, topics);
      out.printf("  produce (idempotent, acks=all)         %,12.0f events/s%n", produced);

      if (options.warmUp()) {
        BenchKafka.ConsumeRun coldHandWritten = kafka.consumeTimed(topics.requests(), options.events(),
            new HandWrittenAggregation());
        BenchKafka.StreamsRun coldProcessor = timeProcessor(kafka, topics, stateDir, 1);
        out.printf("  first pass, cold JVM (untimed warm-up): (b) %,.0f events/s %.2f µs CPU/event, (c) %,.0f events/s %.2f µs CPU/event%n",
            coldHandWritten.rate(), perEvent(coldHandWritten.cpuSeconds()), coldProcessor.overall(),
            perEvent(coldProcessor.cpuSeconds()));
      }
      BenchKafka.ConsumeRun plain = kafka.consumeTimed(topics.requests(), options.events(), record -> { });
      out.printf("  (a) plain consumer, bytes only         %,12.0f events/s  %5.2f µs CPU/event%n", plain.rate(),
          perEvent(plain.cpuSeconds()));

      List<Round> rounds = new ArrayList<>();
      for (int round = 1; round <= options.rounds(); round++) {
        if (options.rounds() > 1) {
          out.printf("  round %d of %d%n", round, options.rounds());
        }
        rounds.add(measureRound(kafka, topics, stateDir, plain));
      }
      Round median = medianByRatio(rounds);
      if (rounds.size() > 1) {
        out.printf("  median round by steady (c)/(b): (b) %,.0f events/s, (c) steady %,.0f events/s (overall %,.0f/s), steady (c)/(b) %.2f, overall %.2f, by CPU per event %.2f; steady (c)/(b) of every round %s%n",
            median.handWritten().rate(), median.processor().steady(), median.processor().overall(), median.steadyRatio(),
            median.ratio(), median.cpuRatio(), rounds.stream().map(r -> String.format("%.2f", r.steadyRatio())).toList());
      }
      BenchKafka.StreamsRun run = median.processor();

      if (options.instances() > 1) {
        BenchKafka.StreamsRun scaled = timeProcessor(kafka, topics, stateDir, options.instances());
        out.printf("  (d) %d processor instances, one app id %,12.0f events/s  %5.2f µs CPU/event  (steady %,.0f/s after %.1f s start-up)%n",
            options.instances(), scaled.overall(), perEvent(scaled.cpuSeconds()), scaled.steady(),
            scaled.startupSeconds());
        out.printf("  ratio (d)/(c) %.2f   (%d cores)%n", scaled.overall() / run.overall(),
            Runtime.getRuntime().availableProcessors());
      }
      return new Result(plain.rate(), median.handWritten().rate(), run.overall(), run.steady());
    }
  }

  /** (b) then (c), one after the other, so the two see the host at about the same speed. */
  private Round measureRound(BenchKafka kafka, Topics topics, Path stateDir, BenchKafka.ConsumeRun plain)
      throws Exception {
    HandWrittenAggregation handWritten = new HandWrittenAggregation();
    BenchKafka.ConsumeRun decoding = kafka.consumeTimed(topics.requests(), options.events(), handWritten);
    out.printf("  (b) plain consumer, Avro + histograms  %,12.0f events/s  %5.2f µs CPU/event  (%d series-minutes)%n",
        decoding.rate(), perEvent(decoding.cpuSeconds()), handWritten.histograms.size());

    BenchKafka.StreamsRun run = timeProcessor(kafka, topics, stateDir, 1);
    out.printf("  (c) Klaxon processor, exactly-once     %,12.0f events/s  %5.2f µs CPU/event  (steady %,.0f/s after %.1f s start-up)%n",
        run.overall(), perEvent(run.cpuSeconds()), run.steady(), run.startupSeconds());
    Round round = new Round(decoding, run);
    out.printf("  ratio (c)/(a) %.2f   steady (c)/(b) %.2f   overall (c)/(b) %.2f   by CPU per event (b)/(c) %.2f%n",
        run.overall() / plain.rate(), round.steadyRatio(), round.ratio(), round.cpuRatio());
    return round;
  }

  /** One (b) and the (c) after it. */
  record Round(BenchKafka.ConsumeRun handWritten, BenchKafka.StreamsRun processor) {
    /** Start-up included. */
    double ratio() {
      return processor.overall() / handWritten.rate();
    }

    /** The processor's rate after its start-up: what the target is judged on. */
    double steadyRatio() {
      return processor.steady() / handWritten.rate();
    }

    double cpuRatio() {
      return handWritten.cpuSeconds() / processor.cpuSeconds();
    }
  }

  /** The round whose steady (c)/(b) is the median (the upper one of an even count). */
  static Round medianByRatio(List<Round> rounds) {
    List<Round> sorted = new ArrayList<>(rounds);
    sorted.sort(Comparator.comparingDouble(Round::steadyRatio));
    return sorted.get(sorted.size() / 2);
  }

  private double perEvent(double cpuSeconds) {
    return cpuSeconds * 1e6 / options.events();
  }

  /** {@code instances} processors with one fresh application id, each with its own state directory. */
  private BenchKafka.StreamsRun timeProcessor(BenchKafka kafka, Topics topics, Path stateDir, int instances)
      throws Exception {
    String applicationId = "klaxon-bench-" + System.currentTimeMillis();
    return kafka.timeStreamsApp(topics.requests(), applicationId, options.events(), () -> {
      List<MetricsProcessor> started = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        ProcessorSettings settings = new ProcessorSettings(kafka.bootstrapServers(), applicationId,
            Files.createDirectories(stateDir.resolve(applicationId + "-" + i)), options.commitInterval(), options.threads(), -1, Map.of());
        started.add(MetricsProcessor.start(MetricsConfig.defaults(topics), settings));
      }
      return () -> started.parallelStream().forEach(MetricsProcessor::close);
    });
  }

  private double produce(BenchKafka kafka, Topics topics) {
    AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    // Synthetic event time ending now, so windows close by event time and the idle wall clock.
    TrafficProfile profile = TrafficProfile.benchmark();
    long spanMs = (long) (options.events() / profile.requestsPerSecond() * 1000);
    TrafficGenerator generator = new TrafficGenerator(profile, 1, System.currentTimeMillis() - spanMs);
    long start = System.nanoTime();
    AtomicReference<Exception> failed = new AtomicReference<>();
    try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
        new ByteArraySerializer())) {
      EventSink sink = new EventSink() {
        @Override
        public void request(RequestEvent event) {
          producer.send(new ProducerRecord<>(topics.requests(), null, event.getTimestamp(), event.getService(),
              serde.encode(event)), (metadata, error) -> {
                if (error != null) {
                  failed.compareAndSet(null, error);
                }
              });
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
    if (failed.get() != null) { // the consumers would wait for events that never came
      throw new IllegalStateException("producing the benchmark's events failed", failed.get());
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

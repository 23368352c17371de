package dev.klaxon.loadtest.bench;

import dev.klaxon.cost.CostAggregator;
import dev.klaxon.cost.CostSettings;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.cost.SpendTopology;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of the cost role against a plain consumer on the same data: produce N cost events
 * (users × providers × services, 9-decimal amounts, event time spread over the last hours), then in
 * one run measure (a) a plain consumer decoding Avro and summing exactly ({@link BigDecimal}) per
 * (user, provider, minute) — the hand-written lower bound — and (b) the exactly-once cost role
 * consuming them to completion (every granularity, per provider and across providers).
 */
public final class CostBenchmark {

  /** @param bootstrapServers external cluster, or null for an embedded broker */
  public record Options(long events, int partitions, int users, String bootstrapServers) {}

  private static final String[] PROVIDERS = {"openai", "anthropic", "gemini", "stripe", "aws"};
  private static final String[] SERVICES = {"chat-api", "search-api", "billing", "ingest", "reports", "agents"};
  /** Event time advances this much per event: 2M events span about 5.5 hours. */
  private static final long EVENT_SPACING_MS = 10;

  private final Options options;
  private final PrintStream out;

  public CostBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
    new CostBenchmark(new Options(events, 3, 500, null), System.out).run();
  }

  public void run() throws Exception {
    Path stateDir = Files.createTempDirectory("klaxon-bench-cost-state");
    try (BenchKafka kafka = BenchKafka.connect(options.bootstrapServers())) {
      Topics topics = kafka.createTopics(options.partitions());
      out.printf("benchmark: %,d cost events (%d users, %d providers, %d services), %d partitions, topic %s%n",
          options.events(), options.users(), PROVIDERS.length, SERVICES.length, options.partitions(), topics.costs());

      double produced = produce(kafka, topics);
      out.printf("  produce (idempotent, acks=all)               %,12.0f events/s%n", produced);

      ExactSums sums = new ExactSums();
      double plain = kafka.consume(topics.costs(), options.events(), sums);
      out.printf("  (a) plain consumer, Avro + exact sums        %,12.0f events/s  (%,d user-provider-minutes, "
          + "total $%s)%n", plain, sums.windows.size(), sums.total.toPlainString());

      String applicationId = "klaxon-bench-cost-" + System.currentTimeMillis();
      CostSettings settings = CostSettings.defaults(kafka.bootstrapServers(), stateDir)
          .withApplicationId(applicationId);
      BenchKafka.StreamsRun run = kafka.timeStreamsApp(topics.costs(), applicationId, options.events(),
          () -> CostAggregator.start(SpendConfig.defaults(topics), settings),
          SpendTopology.repartitionTopics(applicationId));
      out.printf("  (b) Klaxon cost role, exactly-once           %,12.0f events/s  (steady %,.0f/s after %.1f s "
          + "start-up; minute, hour, day, month, per provider and *, per user and per service: 16 windows per "
          + "event, through two repartition topics)%n",
          run.overall(), run.steady(), run.startupSeconds());
      out.printf("  ratio (b)/(a) %.2f   steady (b)/(a) %.2f%n", run.overall() / plain, run.steady() / plain);
    }
  }

  private double produce(BenchKafka kafka, Topics topics) {
    AvroSerde<CostEvent> serde = AvroSerde.embedded(CostEvent.class);
    SplittableRandom random = new SplittableRandom(7);
    long firstTimestamp = System.currentTimeMillis() - options.events() * EVENT_SPACING_MS;
    long start = System.nanoTime();
    try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
        new ByteArraySerializer())) {
      for (long i = 0; i < options.events(); i++) {
        String user = "user-" + random.nextInt(options.users());
        String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
        boolean llm = provider.equals("openai") || provider.equals("anthropic") || provider.equals("gemini");
        CostEvent event = CostEvent.newBuilder().setService(SERVICES[random.nextInt(SERVICES.length)])
            .setUserId(user).setProvider(provider).setCostUsd(BigDecimal.valueOf(random.nextInt(50_000_000), 9))
            .setUnits(llm ? (double) random.nextInt(1, 8000) : null).setUnitType(llm ? "tokens" : null)
            .setTimestamp(firstTimestamp + i * EVENT_SPACING_MS).build();
        producer.send(new ProducerRecord<>(topics.costs(), null, event.getTimestamp(), user, serde.encode(event)));
      }
      producer.flush();
    }
    return BenchKafka.rate(options.events(), start);
  }

  /** What a person would write by hand with a plain consumer: exact sums per (user, provider, minute). */
  private static final class ExactSums implements Consumer<ConsumerRecord<byte[], byte[]>> {
    private final AvroSerde<CostEvent> serde = AvroSerde.embedded(CostEvent.class);
    private final Map<String, BigDecimal> windows = new HashMap<>();
    private BigDecimal total = BigDecimal.ZERO;

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
      CostEvent event = serde.decode(record.value());
      String key = event.getUserId() + '|' + event.getProvider() + '|' + event.getTimestamp() / 60_000;
      windows.merge(key, event.getCostUsd(), BigDecimal::add);
      total = total.add(event.getCostUsd());
    }
  }
}

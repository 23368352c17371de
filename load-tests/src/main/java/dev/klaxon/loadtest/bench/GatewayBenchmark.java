package dev.klaxon.loadtest.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.IngestGateway;
import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.json.RecordJson;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * HTTP ingest against a raw KafkaProducer on the same events, in one run (issue 4): (a) a raw
 * idempotent {@code acks=all} producer encoding and sending every event, then (b) the ingest
 * gateway receiving the same events as JSON arrays of {@code batchSize} over {@code connections}
 * concurrent HTTP/1.1 connections, each request waiting for its 202. Prints both rates, their ratio
 * and the request latency quantiles. Both sides get an untimed warm-up first, so neither pays for
 * the JIT alone.
 */
public final class GatewayBenchmark {

  /**
   * @param events events per side
   * @param batchSize events per HTTP request
   * @param connections concurrent HTTP connections, one request in flight on each
   * @param partitions partitions of the input topics
   * @param bootstrapServers external cluster, or null for an embedded broker
   */
  public record Options(long events, int batchSize, int connections, int partitions, String bootstrapServers) {

    public static Options defaults(long events) {
      return new Options(events, 100, 16, 3, null);
    }
  }

  /** What one run measured. */
  public record Result(double rawEventsPerSecond, double gatewayEventsPerSecond, double p50Millis, double p99Millis,
      double maxMillis) {

    public double ratio() {
      return gatewayEventsPerSecond / rawEventsPerSecond;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final Options options;
  private final PrintStream out;

  public GatewayBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 500_000;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    new GatewayBenchmark(new Options(events, 100, connections, 3, null), System.out).run();
  }

  public Result run() throws Exception {
    EmbeddedKafka embedded = null;
    String bootstrap = options.bootstrapServers();
    if (bootstrap == null) {
      embedded = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()).start();
      bootstrap = embedded.bootstrapServers();
    }
    try {
      List<RequestEvent> events = generate((int) options.events());
      List<RequestEvent> warmUp = events.subList(0, Math.min(events.size(), 50_000));
      List<byte[]> bodies = batches(events);
      List<byte[]> warmUpBodies = batches(warmUp);
      long run = System.currentTimeMillis();
      Topics rawTopics = new Topics("bench-raw-" + run + ".");
      Topics gatewayTopics = new Topics("bench-gateway-" + run + ".");
      Topics warmUpTopics = new Topics("bench-warmup-" + run + ".");
      createTopics(bootstrap, List.of(rawTopics, gatewayTopics, warmUpTopics));
      out.printf("benchmark: %,d request events per side, batches of %d over %d connections, %d partitions%n",
          events.size(), options.batchSize(), options.connections(), options.partitions());

      produceRaw(bootstrap, warmUpTopics, warmUp);
      double raw = produceRaw(bootstrap, rawTopics, events);
      out.printf("  (a) raw KafkaProducer (Avro, idempotent, acks=all)  %,12.0f events/s%n", raw);

      GatewayConfig config = GatewayConfig.demo(bootstrap)
          .withHttp(GatewayConfig.Http.DEFAULTS.withHost("127.0.0.1").withPort(0));
      try (IngestGateway warmUpGateway = IngestGateway.start(config.withTopicPrefix(warmUpTopics.prefix()))) {
        post(warmUpGateway.eventsUri(), warmUpBodies, new Histogram(3));
      }
      Histogram latency = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
      double gateway;
      try (IngestGateway ingest = IngestGateway.start(config.withTopicPrefix(gatewayTopics.prefix()))) {
        long start = System.nanoTime();
        post(ingest.eventsUri(), bodies, latency);
        gateway = rate(events.size(), start);
      }
      Result result = new Result(raw, gateway, millis(latency.getValueAtPercentile(50)),
          millis(latency.getValueAtPercentile(99)), millis(latency.getMaxValue()));
      out.printf("  (b) ingest gateway, HTTP JSON → Kafka              %,12.0f events/s%n", gateway);
      out.printf("  ratio (b)/(a) %.2f   request latency p50 %.1f ms  p99 %.1f ms  max %.1f ms (%,d requests)%n",
          result.ratio(), result.p50Millis(), result.p99Millis(), result.maxMillis(), latency.getTotalCount());
      return result;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private List<RequestEvent> generate(int count) {
    TrafficProfile profile = TrafficProfile.benchmark();
    long spanMs = (long) (count / profile.requestsPerSecond() * 1000);
    TrafficGenerator generator = new TrafficGenerator(profile, 1, System.currentTimeMillis() - spanMs);
    List<RequestEvent> events = new ArrayList<>(count);
    EventSink sink = new EventSink() {
      @Override
      public void request(RequestEvent event) {
        events.add(event);
      }

      @Override
      public void log(LogEvent event) {
        throw new IllegalStateException("the benchmark profile has no logs");
      }
    };
    while (events.size() < count) {
      generator.emitNext(sink);
    }
    return events.subList(0, count);
  }

  /** JSON array bodies of {@code batchSize} events, built before timing starts. */
  private List<byte[]> batches(List<RequestEvent> events) {
    List<byte[]> bodies = new ArrayList<>();
    for (int from = 0; from < events.size(); from += options.batchSize()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream(300 * options.batchSize());
      try (JsonGenerator json = JSON.createGenerator(body)) {
        json.writeStartArray();
        for (RequestEvent event : events.subList(from, Math.min(events.size(), from + options.batchSize()))) {
          RecordJson.write(event, json);
        }
        json.writeEndArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bodies.add(body.toByteArray());
    }
    return bodies;
  }

  /** The gateway's own producer settings, so the comparison is of the HTTP path alone. */
  private static Map<String, Object> producerProperties(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return props;
  }

  private static double produceRaw(String bootstrap, Topics topics, List<RequestEvent> events) {
    long start = System.nanoTime();
    AtomicInteger failures = new AtomicInteger();
    try (var producer = new KafkaProducer<>(producerProperties(bootstrap), new StringSerializer(),
        new ByteArraySerializer())) {
      for (RequestEvent event : events) {
        producer.send(InputRecords.toProducerRecord(topics, event), (metadata, e) -> {
          if (e != null) {
            failures.incrementAndGet();
          }
        });
      }
      producer.flush();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " raw sends failed");
    }
    return rate(events.size(), start);
  }

  /** Every body through {@code connections} threads, each waiting for its answer; any non-202 fails the run. */
  private void post(URI uri, List<byte[]> bodies, Histogram latency) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(options.connections());
    try {
      List<Future<Histogram>> workers = new ArrayList<>();
      for (int c = 0; c < options.connections(); c++) {
        workers.add(threads.submit(() -> {
          Histogram mine = new Histogram(Duration.ofMinutes(1).toNanos(), 3);
          for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            mine.recordValue(Math.min(System.nanoTime() - start, mine.getHighestTrackableValue()));
            if (response.statusCode() != 202) {
              throw new IllegalStateException("gateway answered " + response.statusCode() + ": " + response.body());
            }
          }
          return mine;
        }));
      }
      for (Future<Histogram> worker : workers) {
        latency.add(worker.get());
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private void createTopics(String bootstrap, List<Topics> all) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (Topics t : all) {
        t.inputs().forEach(name -> topics.add(new NewTopic(name, options.partitions(), (short) 1)));
      }
      // Returns once the broker leads every partition: an idempotent producer that starts while a
      // partition is still being set up can retry OUT_OF_ORDER_SEQUENCE_NUMBER until its buffer is full.
      new TopicCreator(admin).create(topics);
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static double rate(long count, long startNanos) {
    return count / ((System.nanoTime() - startNanos) / 1e9);
  }
}

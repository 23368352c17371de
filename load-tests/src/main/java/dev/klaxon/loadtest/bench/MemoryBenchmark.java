package dev.klaxon.loadtest.bench;

import dev.klaxon.processor.LatencyHistogram;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.RequestMetricsTopology;
import dev.klaxon.processor.internal.LatencyCounts;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Heap held by the processor's open windows, per active series (issue 13, "Memory comes first").
 *
 * <p>Two parts, in one run:
 * <ol>
 *   <li><b>Windows through the real topology.</b> For each scenario, {@link RequestMetricsTopology}
 *       runs in a {@link TopologyTestDriver} (no broker: the heap is the processor's alone) and gets
 *       {@code services × routes} series plus one {@code *} series per service, N events per
 *       (service, route), all in one open 1-minute window. Then the driver's captured output is
 *       dropped, the heap is collected a few times, and what is still held beyond the empty
 *       driver is reported per series: window objects, the changelogged store's bytes, the
 *       series names.
 *   <li><b>The window representations side by side.</b> Recording speed and bytes per window of
 *       the flat, auto-resizing {@link Histogram} (what windows held before), HdrHistogram's
 *       {@link PackedHistogram} (the alternative not taken) and {@link LatencyCounts} (what they
 *       hold now), on the same values.
 * </ol>
 *
 * <p>The driver commits after every record, so the fill rate includes one encoding of every
 * changed window per event; it is not the processor's throughput (see {@link ProcessorBenchmark}).
 */
public final class MemoryBenchmark {

  /** One fill: {@code services × routes + services} series, {@code eventsPerRoute} events per (service, route). */
  public record Scenario(int services, int routes, int eventsPerRoute) {
    public int series() {
      return services * routes + services;
    }

    public long events() {
      return (long) services * routes * eventsPerRoute;
    }

    /** "10k" → 1,000 services × 9 routes + 1,000 {@code *} series = 10,000 series. */
    public static Scenario ofSeries(int series, int eventsPerRoute) {
      if (series % 10 != 0) {
        throw new IllegalArgumentException("series must be a multiple of 10 (9 routes and * per service): " + series);
      }
      return new Scenario(series / 10, 9, eventsPerRoute);
    }
  }

  public record Options(List<Scenario> scenarios, boolean representations) {
    public static Options defaults() {
      return new Options(List.of(Scenario.ofSeries(1_000, 20), Scenario.ofSeries(10_000, 20),
          Scenario.ofSeries(100_000, 20), Scenario.ofSeries(10_000, 200)), true);
    }
  }

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z"); // on a minute
  private static final long SPREAD_MS = 50_000; // all events inside [T0, T0 + 1 min): one open window
  private static final int DRAIN_EVERY = 20_000;

  private final Options options;
  private final PrintStream out;

  public MemoryBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Args: series counts and events per route as {@code SERIES:EVENTS}, e.g. {@code 1000:20 10000:200}. */
  public static void main(String[] args) {
    Options options = Options.defaults();
    if (args.length > 0) {
      List<Scenario> scenarios = Stream.of(args).map(arg -> {
        String[] parts = arg.split(":");
        return Scenario.ofSeries(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
      }).toList();
      options = new Options(scenarios, true);
    }
    new MemoryBenchmark(options, System.out).run();
  }

  public void run() {
    out.printf("memory benchmark: max heap %,d MB, %s%n", Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getVmName());
    out.println("open windows through RequestMetricsTopology (TopologyTestDriver), one open 1-minute window:");
    out.printf("  %9s %8s %11s %11s %13s %14s%n", "series", "ev/route", "events", "retained", "per series",
        "fill events/s");
    for (Scenario scenario : options.scenarios()) {
      try {
        Fill fill = fill(scenario);
        out.printf("  %,9d %,8d %,11d %,8.1f MB %,10d B %,14.0f%n", scenario.series(), scenario.eventsPerRoute(),
            scenario.events(), fill.retainedBytes() / 1e6, fill.retainedBytes() / scenario.series(),
            fill.eventsPerSecond());
      } catch (OutOfMemoryError e) {
        out.printf("  %,9d %,8d %,11d   does not fit in %,d MB of heap%n", scenario.series(), scenario.eventsPerRoute(),
            scenario.events(), Runtime.getRuntime().maxMemory() >> 20);
      }
    }
    if (options.representations()) {
      compareRepresentations();
    }
  }

  /** Result of one fill: heap held beyond the empty driver, and the rate events went in. */
  record Fill(long retainedBytes, double eventsPerSecond) {}

  Fill fill(Scenario scenario) {
    Path stateDir = tempDir();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "memory-bench");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    Topics topics = Topics.defaults();
    AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    Random random = new Random(13);
    String[] services = new String[scenario.services()];
    for (int s = 0; s < services.length; s++) {
      services[s] = String.format("service-%06d", s);
    }
    String[] routes = new String[scenario.routes()];
    for (int r = 0; r < routes.length; r++) {
      routes[r] = "GET /api/v1/resource-" + r + "/{id}";
    }
    long events = scenario.events();
    try (TopologyTestDriver driver = new TopologyTestDriver(
        RequestMetricsTopology.build(MetricsConfig.defaults(topics)), props, T0.plusSeconds(60))) {
      TestInputTopic<String, byte[]> input =
          driver.createInputTopic(topics.requests(), new StringSerializer(), new ByteArraySerializer());
      long baseline = retainedHeap();
      long start = System.nanoTime();
      long sent = 0;
      // Round-robin over the series, as live traffic would interleave them.
      for (int round = 0; round < scenario.eventsPerRoute(); round++) {
        for (String service : services) {
          for (String route : routes) {
            long timestamp = T0.toEpochMilli() + sent * SPREAD_MS / events;
            double ms = Math.exp(Math.log(120) + 0.7 * random.nextGaussian());
            int status = random.nextInt(100) == 0 ? 503 : 200;
            RequestEvent event = RequestEvent.newBuilder().setService(service).setRoute(route).setStatus(status)
                .setDurationMs(ms).setTimestamp(timestamp).build();
            input.pipeInput(service, serde.encode(event), timestamp);
            if (++sent % DRAIN_EVERY == 0) {
              drainOutputs(driver);
            }
          }
        }
      }
      double rate = events / ((System.nanoTime() - start) / 1e9);
      drainOutputs(driver);
      long retained = retainedHeap() - baseline;
      return new Fill(retained, rate);
    } finally {
      deleteQuietly(stateDir);
    }
  }

  /** The driver keeps every record the topology writes (changelog included): drop them, they are not the processor's. */
  private static void drainOutputs(TopologyTestDriver driver) {
    for (String topic : driver.producedTopicNames()) {
      TestOutputTopic<byte[], byte[]> output =
          driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      while (!output.isEmpty()) {
        output.readRecord();
      }
    }
  }

  /** Recording speed and footprint of the old and new window histograms on the same values. */
  void compareRepresentations() {
    Representation flat = new Representation("flat Histogram (before)", () -> LatencyHistogram.create()::recordValue);
    Representation packed = new Representation("PackedHistogram", () -> new PackedHistogram(3)::recordValue);
    Representation counts = new Representation("LatencyCounts (now)", () -> new LatencyCounts()::recordMicros);
    long[] values = new long[10_000_000];
    Random random = new Random(7);
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.round(1000 * Math.exp(Math.log(120) + 0.7 * random.nextGaussian())); // µs, median 120 ms
    }
    out.println("window representations, lognormal latencies (median 120 ms, sigma 0.7), same values:");
    out.printf("  %-26s %16s %16s %12s %12s %12s%n", "", "one window ev/s", "10k × 200, ev/s", "B @ 20 ev",
        "B @ 200 ev", "B @ 2000 ev");
    for (Representation representation : List.of(flat, packed, counts)) {
      double steady = 0;
      double fresh = 0;
      for (int warm = 0; warm < 3; warm++) { // the last of three runs, after JIT warm-up
        steady = recordIntoOne(representation, values);
        fresh = recordIntoMany(representation, values, 10_000, 200);
      }
      out.printf("  %-26s %,16.0f %,16.0f %,12d %,12d %,12d%n", representation.name(), steady, fresh,
          footprint(representation, values, 2_000, 20), footprint(representation, values, 2_000, 200),
          footprint(representation, values, 2_000, 2_000));
    }
  }

  /** @param factory a new, empty window's recorder of latencies in µs */
  record Representation(String name, Supplier<LongConsumer> factory) {}

  private static double recordIntoOne(Representation representation, long[] values) {
    LongConsumer window = representation.factory().get();
    long start = System.nanoTime();
    for (long value : values) {
      window.accept(value);
    }
    double rate = values.length / ((System.nanoTime() - start) / 1e9);
    blackhole(window.hashCode());
    return rate;
  }

  /** Fresh histograms, values interleaved across them: the per-window pattern, allocation and resizing included. */
  private static double recordIntoMany(Representation representation, long[] values, int histograms, int each) {
    LongConsumer[] all = new LongConsumer[histograms];
    for (int h = 0; h < histograms; h++) {
      all[h] = representation.factory().get();
    }
    long start = System.nanoTime();
    int v = 0;
    for (int round = 0; round < each; round++) {
      for (LongConsumer window : all) {
        window.accept(values[v++ % values.length]);
      }
    }
    double rate = (double) histograms * each / ((System.nanoTime() - start) / 1e9);
    blackhole(all[histograms - 1].hashCode());
    return rate;
  }

  private static long footprint(Representation representation, long[] values, int histograms, int each) {
    long before = retainedHeap();
    List<LongConsumer> all = new ArrayList<>(histograms);
    int v = 0;
    for (int h = 0; h < histograms; h++) {
      LongConsumer window = representation.factory().get();
      for (int i = 0; i < each; i++) {
        window.accept(values[v++ % values.length]);
      }
      all.add(window);
    }
    long held = retainedHeap() - before;
    blackhole(all.size());
    return held / histograms;
  }

  private static volatile long sink;

  private static void blackhole(long value) {
    sink += value;
  }

  /** Heap in use after full collections, once two in a row agree within 1 MB. */
  static long retainedHeap() {
    var memory = ManagementFactory.getMemoryMXBean();
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < (1 << 20)) {
        return used;
      }
      previous = used;
    }
    return previous;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("klaxon-memory-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp dir left behind is harmless
    }
  }
}

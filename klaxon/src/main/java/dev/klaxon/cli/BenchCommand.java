package dev.klaxon.cli;

import dev.klaxon.loadtest.bench.CostBenchmark;
import dev.klaxon.loadtest.bench.DetectionBenchmark;
import dev.klaxon.loadtest.bench.GatewayBenchmark;
import dev.klaxon.loadtest.bench.LoadBenchmark;
import dev.klaxon.loadtest.bench.MemoryBenchmark;
import dev.klaxon.loadtest.bench.ProcessorBenchmark;
import dev.klaxon.loadtest.load.LoadProfile;
import dev.klaxon.loadtest.load.LoadReport;
import dev.klaxon.loadtest.load.LoadReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures; see load-tests/README.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
    subcommands = {BenchCommand.Processor.class, BenchCommand.Cost.class, BenchCommand.Gateway.class,
        BenchCommand.Detection.class, BenchCommand.Memory.class, BenchCommand.Load.class})
final class BenchCommand {

  @Command(name = "processor", mixinStandardHelpOptions = true,
      description = "Processor throughput vs a plain consumer on the same request events.")
  static final class Processor implements Callable<Integer> {

    @Mixin Throughput throughput;

    @Option(names = "--instances", defaultValue = "1",
        description = "Also run this many processor instances with one application id in this JVM and compare "
            + "with one (default: ${DEFAULT-VALUE}: one only).")
    int instances;

    @Option(names = "--commit-interval", defaultValue = "500ms", converter = DurationConverter.class,
        description = "The processors' commit interval, which paces open-window publication too (default: "
            + "${DEFAULT-VALUE}, the processor's).")
    Duration commitInterval;

    @Option(names = "--threads", defaultValue = "1",
        description = "Stream threads of each processor (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warm-up", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Run the hand-written consumer and the processor once, untimed, before measuring, so the "
            + "JIT has compiled what they share (default: on; --no-warm-up measures a cold JVM).")
    boolean warmUp;

    @Option(names = "--rounds", defaultValue = "1",
        description = "Measure the hand-written consumer then the processor this many times and report the round "
            + "with the median ratio (the processor after its start-up against the consumer): the ratio of one round "
            + "moves with the host (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
      new ProcessorBenchmark(new ProcessorBenchmark.Options(throughput.events, throughput.partitions,
          throughput.bootstrapServers, instances, commitInterval, threads, warmUp, rounds), System.out).run();
      return 0;
    }
  }

  /** What the throughput benchmarks are given: how many events, on how many partitions, where. */
  static final class Throughput {

    @Option(names = "--events", defaultValue = "2000000", description = "Events to produce (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--bootstrap-servers", description = "External cluster (default: an embedded broker).")
    String bootstrapServers;
  }

  @Command(name = "cost", mixinStandardHelpOptions = true,
      description = "Cost role throughput vs a plain consumer summing the same cost events exactly.")
  static final class Cost implements Callable<Integer> {

    @Mixin Throughput throughput;

    @Option(names = "--users", defaultValue = "500", description = "Distinct users (default: ${DEFAULT-VALUE}).")
    int users;

    @Override
    public Integer call() throws Exception {
      new CostBenchmark(new CostBenchmark.Options(throughput.events, throughput.partitions, users,
          throughput.bootstrapServers), System.out).run();
      return 0;
    }
  }

  @Command(name = "gateway", mixinStandardHelpOptions = true,
      description = "HTTP ingest (batches of 100 over concurrent connections) vs a raw KafkaProducer on the same events.")
  static final class Gateway implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "500000", description = "Events per side (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--batch-size", defaultValue = "100", description = "Events per HTTP request (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent HTTP connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the input topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--bootstrap-servers", description = "External cluster (default: an embedded broker).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
      new GatewayBenchmark(new GatewayBenchmark.Options(events, batchSize, connections, partitions, bootstrapServers),
          System.out).run();
      return 0;
    }
  }

  @Command(name = "detection", mixinStandardHelpOptions = true,
      description = {"Detection time of the alert path: 200 requests/s for one service, a steady phase (false alerts",
          "counted), a p95 jump to 2.5 s, recovery, then 8 %% 5xx; per incident, seconds from the first breaching",
          "event to the alert on klaxon.alerts and to the notification at a local webhook through the real sink."})
  static final class Detection implements Callable<Integer> {

    /** Which routing variants run (side by side, in one sink). */
    enum Variant { a, b, both }

    @Option(names = "--steady", defaultValue = "2m", converter = DurationConverter.class,
        description = "Steady traffic before the first incident; its firing transitions are false alerts (default: ${DEFAULT-VALUE}).")
    Duration steady;

    @Option(names = "--variant", defaultValue = "both",
        description = "a: group_wait 0s on the critical route; b: the shipped routing; both (default: ${DEFAULT-VALUE}).")
    Variant variant;

    @Option(names = "--bootstrap-servers", description = "External cluster (default: an embedded broker).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
      List<String> variants = variant == Variant.both ? List.of("a", "b") : List.of(variant.name());
      new DetectionBenchmark(new DetectionBenchmark.Options(steady, variants, bootstrapServers), System.out).run();
      return 0;
    }
  }

  @Command(name = "memory", mixinStandardHelpOptions = true,
      description = {"Heap held per open series: 1k, 10k and 100k series (and 10k at 10x the events) in one open",
          "1-minute window through the real request topology, and the window representations' recording speed."})
  static final class Memory implements Callable<Integer> {

    @Option(names = "--scenario", split = ",", paramLabel = "SERIES:EVENTS",
        description = "Series and events per (service, route), e.g. 10000:20,10000:200 (default: 1k, 10k, 100k at 20; 10k at 200).")
    List<String> scenarios;

    @Override
    public Integer call() {
      MemoryBenchmark.main(scenarios == null ? new String[0] : scenarios.toArray(String[]::new));
      return 0;
    }
  }

  @Command(name = "load", mixinStandardHelpOptions = true,
      description = {"The whole pipeline under a load profile with injected incidents (latency spike, error burst,",
          "cost runaway, silence, a drift that must not alert): detection, alert quality, quantile accuracy against",
          "exact values and Prometheus buckets, lag; then ingest and processor throughput and heap per series.",
          "Profile format: load-tests/README.md."})
  static final class Load implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "FILE",
        description = "A load profile (default: the shipped full profile: 4 minutes of traffic, then the benchmarks; 20 minutes in all on a busy 2-core machine).")
    Path profile;

    @Option(names = "--smoke", description = "The shipped smoke profile: 40 s of traffic, correctness only, no benchmarks.")
    boolean smoke;

    @Option(names = "--bootstrap-servers", description = "External cluster (default: an embedded broker).")
    String bootstrapServers;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "load.html",
        description = "Self-contained HTML report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "load.json",
        description = "The same figures as JSON (default: ${DEFAULT-VALUE}).")
    Path json;

    @Override
    public Integer call() throws Exception {
      if (smoke && profile != null) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--smoke runs the shipped smoke profile; give it or --profile, not both");
      }
      String name = profile != null ? profile.toString() : smoke ? "smoke" : "full";
      LoadProfile loaded = profile != null ? LoadProfile.load(profile) : LoadProfile.shipped(name);
      LoadReport result = new LoadBenchmark(new LoadBenchmark.Options(loaded, name, bootstrapServers), System.out).run();
      Files.writeString(json, LoadReportFormat.json(result));
      Files.writeString(report, LoadReportFormat.html(result));
      System.out.printf("%nwrote %s and %s%n", report, json);
      return 0;
    }
  }
}

package dev.klaxon.cli;

import dev.klaxon.loadtest.bench.GatewayBenchmark;
import dev.klaxon.loadtest.bench.ProcessorBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Benchmarks that print figures; see load-tests/README.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
    subcommands = {BenchCommand.Processor.class, BenchCommand.Gateway.class})
final class BenchCommand {

  @Command(name = "processor", mixinStandardHelpOptions = true,
      description = "Processor throughput vs a plain consumer on the same request events.")
  static final class Processor implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "2000000", description = "Events to produce (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--bootstrap-servers", description = "External cluster (default: an embedded broker).")
    String bootstrapServers;

    @Override
    public Integer call() throws Exception {
      new ProcessorBenchmark(new ProcessorBenchmark.Options(events, partitions, bootstrapServers), System.out).run();
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
}

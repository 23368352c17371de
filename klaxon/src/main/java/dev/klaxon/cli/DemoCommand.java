package dev.klaxon.cli;

import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.IngestGateway;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.ServiceGroup;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Everything in one JVM: an embedded Kafka broker, the ingest gateway, the metrics processor,
 * generated traffic with an injected incident (sent through the gateway with the emitter library, as
 * an application would), and a live table of windows as they close. Ctrl-C stops it all cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run Klaxon end to end on an embedded Kafka broker: generated traffic goes through the ingest"
        + " gateway (via the emitter library) to Kafka, and the processor's windows show in a live table.",
        "After a minute, one route has a latency incident (p95 120 ms -> 2.5 s) that shows in the table."})
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin LogOptions logging;

  @Option(names = "--data-dir", defaultValue = ".klaxon/demo",
      description = "Broker data and processor state, kept between runs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--kafka-port", defaultValue = "9092",
      description = "Port of the embedded broker; a free one is used if it is taken (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--gateway-port", defaultValue = "8080",
      description = "Port of the ingest gateway; a free one is used if it is taken (default: ${DEFAULT-VALUE}).")
  int gatewayPort;

  @Option(names = "--window", defaultValue = "10s",
      description = "Window size (default: ${DEFAULT-VALUE}, so something shows within half a minute).")
  Duration window;

  @Option(names = "--grace", defaultValue = "5s",
      description = "How long after a window's end late events still count (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--duration",
      description = "Stop by itself after this long, e.g. 2m (default: run until Ctrl-C).")
  Duration duration;

  @Option(names = "--metrics-port", defaultValue = "0",
      description = "Port of the processor's /metrics and /health (default: a free port).")
  int metricsPort;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated traffic.")
  long seed;

  @Override
  public Integer call() {
    logging.apply();
    PrintWriter out = spec.commandLine().getOut();
    ServiceGroup group = new ServiceGroup();
    KafkaCluster external = kafka.cluster();
    Topics topics = external.topics();
    String bootstrap = startBrokerUnlessExternal(out, group, topics);
    KafkaCluster cluster = external.withBootstrapServers(bootstrap);

    MetricsConfig metrics = new MetricsConfig(topics, List.of(window), grace, grace, Duration.ofMillis(500));
    ProcessorSettings settings = new ProcessorSettings(bootstrap, "klaxon-demo", dataDir.resolve("state"),
        Duration.ofMillis(200), 1, metricsPort, cluster.clientProperties(Map.of()), cluster.schemaRegistryUrl());
    MetricsProcessor processor = group.start("processor", () -> MetricsProcessor.start(metrics, settings));
    out.printf("processor: windows of %s, grace %s; metrics at http://localhost:%d/metrics%n",
        Durations.format(window), Durations.format(grace), processor.httpPort());

    IngestGateway gateway = group.start("gateway", () -> startGateway(cluster));
    out.printf("gateway: POST %s (demo mode: no API keys)%n", gateway.eventsUri());

    TrafficProfile profile = TrafficProfile.demo();
    group.add("traffic", TrafficLoop.start(new TrafficGenerator(profile, seed, System.currentTimeMillis()),
        gateway.eventsUri()));
    out.printf("traffic: %d services, %.0f requests/s through the gateway; an incident starts on one route"
        + " after a minute%n", profile.services().size(), profile.requestsPerSecond());
    out.println("try in another terminal: bin/klaxon tail " + topics.requestMetrics());
    out.println("Ctrl-C stops everything.");
    out.flush();

    group.add("table", WindowTableLoop.start(new WindowTable(System.console() != null), out,
        Map.copyOf(cluster.clientProperties(Map.of())), topics, AvroSerdes.forRegistryUrl(cluster.schemaRegistryUrl())));
    group.awaitShutdown(duration);
    out.println();
    out.println("stopped.");
    out.flush();
    return 0;
  }

  private String startBrokerUnlessExternal(PrintWriter out, ServiceGroup group, Topics topics) {
    if (kafka.bootstrapServers != null) {
      out.println("kafka: using " + kafka.bootstrapServers + " (topics must exist or be creatable by Klaxon)");
      return kafka.bootstrapServers;
    }
    EmbeddedBroker broker = group.start("kafka", () -> EmbeddedBroker.start(dataDir.resolve("kafka"), kafkaPort, topics));
    out.println("kafka: " + broker.describe());
    return broker.bootstrapServers();
  }

  private IngestGateway startGateway(KafkaCluster cluster) {
    GatewayConfig demo = GatewayConfig.demo(cluster.bootstrapServers()).withTopicPrefix(cluster.topics().prefix())
        .withKafka(cluster.clientProperties(Map.of()));
    GatewayConfig config = new GatewayConfig(demo.http().withHost("127.0.0.1").withPort(gatewayPort), demo.kafka(),
        demo.topicPrefix(), cluster.schemaRegistryUrl().orElse(""), demo.auth(), demo.rateLimit(),
        demo.events(), demo.readiness());
    try {
      return IngestGateway.start(config);
    } catch (IllegalStateException busy) {
      spec.commandLine().getOut().println("gateway: port " + gatewayPort + " is taken; using a free port instead");
      return IngestGateway.start(config.withHttp(config.http().withPort(0)));
    }
  }
}

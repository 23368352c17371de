package dev.klaxon.cli;

import dev.klaxon.cost.CostAggregator;
import dev.klaxon.cost.CostSection;
import dev.klaxon.cost.CostSettings;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.IngestGateway;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.rules.AlertEvaluator;
import dev.klaxon.rules.Budgets;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.EvaluatorSettings;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.ServiceGroup;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.sink.AlertSink;
import dev.klaxon.sink.SinkSettings;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Everything in one JVM: an embedded Kafka broker, the ingest gateway, the metrics processor, the
 * cost aggregator, the rules (with a daily budget per user), the alert sink, generated traffic with an injected incident (sent through the gateway with
 * the emitter library, as an application would), a live table of windows as they close, and under it
 * the notifications on-call would get, received by a local stand-in for Slack and PagerDuty
 * ({@link OnCallStandIn}, routing {@link DemoRouting}). Ctrl-C stops it all cleanly.
 *
 * <p>The rules are the shipped ones, unchanged, and read 1-minute windows, which the processor computes
 * next to the table's short ones. Their count thresholds are "per minute" (5xx, 4xx, auth failures,
 * error logs) and mean that only over 1-minute windows; scaling them down to 10 s windows would not be
 * the same rule: counts of a few events per window are mostly noise (one error log in 10 s would be
 * "6 a minute"). Speed does not need short windows: the rules also read the open 1-minute window, so a
 * large breach fires within seconds (design §6), and closed windows confirm or resolve.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run Klaxon end to end on an embedded Kafka broker: generated traffic goes through the ingest"
        + " gateway (via the emitter library) to Kafka, the processor's windows show in a live table, and the"
        + " shipped rules and routing send their notifications to a local Slack/PagerDuty stand-in that prints"
        + " them under the table.",
        "After a minute, one route has a latency incident (p95 120 ms -> 2.5 s, 8 %% 5xx) for 3 minutes: it pages"
        + " within seconds and resolves a minute or two after it ends (run about 7 minutes to see it all).",
        "llm-gateway's calls cost money; from minute 1 a runaway batch script (batch-bot-7) spends about $8 a minute:"
        + " its budget alert warns at 80 %% of the demo's $20 daily budget about 3 minutes in, and pages at 100 %%."})
final class DemoCommand implements Callable<Integer> {

  /**
   * Every user's daily budget in the demo: the runaway batch script ({@code TrafficProfile.demo()}) passes
   * 80 % about two minutes after it starts, 100 % half a minute later; the usual users stay far below.
   */
  static final double DEMO_DAILY_BUDGET_USD = 20;
  static final Budgets DEMO_BUDGETS = new Budgets(Optional.of(new Budgets.Budget(
      Map.of(Budgets.Limit.DAILY_USD, DEMO_DAILY_BUDGET_USD))), Map.of(), Map.of());

  /** The shipped rules' count thresholds are per minute: they read 1-minute windows (see the class comment). */
  static final Duration RULES_WINDOW = Duration.ofMinutes(1);

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

    MetricsConfig metrics = new MetricsConfig(topics, windowSizes(), grace, grace, Duration.ofMillis(500));
    ProcessorSettings settings = new ProcessorSettings(bootstrap, "klaxon-demo", dataDir.resolve("state"),
        Duration.ofMillis(200), 1, metricsPort, cluster.clientProperties(Map.of()), cluster.schemaRegistryUrl());
    MetricsProcessor processor = group.start("processor", () -> MetricsProcessor.start(metrics, settings));
    out.printf("processor: windows of %s, grace %s; metrics at http://localhost:%d/metrics%n",
        String.join(" and ", windowSizes().stream().map(Durations::format).toList()), Durations.format(grace),
        processor.httpPort());

    boolean console = System.console() != null;
    OnCallStandIn onCall = group.add("on-call stand-in", OnCallStandIn.start(out, console));
    URI standIn = onCall.uri();
    AlertSink sink = group.start("sink", () -> AlertSink.start(DemoRouting.config(standIn), sinkSettings(cluster, standIn)));
    out.printf("sink: the shipped routing (critical -> PagerDuty + Slack, warning -> Slack), critical group_wait %s,"
        + " group_interval %s; Slack and PagerDuty played by %s (metrics at http://localhost:%d/metrics)%n",
        DemoRouting.CRITICAL_GROUP_WAIT, DemoRouting.GROUP_INTERVAL, standIn, sink.httpPort());

    CostAggregator cost = group.start("cost", () -> startCost(cluster));
    out.printf("cost: spend per user, provider and service; top spenders: bin/klaxon spend --top 5 --url"
        + " http://localhost:%d%n", cost.httpPort());

    RuleSet demoRules = new RuleSet(RuleSet.defaults().rules(), DEMO_BUDGETS);
    AlertEvaluator rules = group.start("rules", () -> AlertEvaluator.start(demoRules,
        "the shipped rules, with a $" + DEMO_DAILY_BUDGET_USD + " daily budget per user",
        EvaluatorConfig.defaults(topics).withWindowSize(RULES_WINDOW),
        new EvaluatorSettings(bootstrap, "klaxon-demo-rules", dataDir.resolve("rules-state"),
            EvaluatorSettings.DEFAULT_COMMIT_INTERVAL, 0, cluster.clientProperties(Map.of()),
            cluster.schemaRegistryUrl())));
    out.printf("rules: the shipped rules on %s windows, open ones too (a large breach fires within seconds);"
        + " metrics at http://localhost:%d/metrics%n", Durations.format(RULES_WINDOW), rules.httpPort());

    IngestGateway gateway = group.start("gateway", () -> startGateway(cluster));
    out.printf("gateway: POST %s (demo mode: no API keys)%n", gateway.eventsUri());

    TrafficProfile profile = TrafficProfile.demo();
    group.add("traffic", TrafficLoop.start(new TrafficGenerator(profile, seed, System.currentTimeMillis()),
        gateway.eventsUri()));
    out.printf("traffic: %d services, %.0f requests/s through the gateway; an incident starts on one route"
        + " after a minute and lasts %s%n", profile.services().size(), profile.requestsPerSecond(),
        profile.incident().map(i -> Durations.format(i.duration())).orElse("-"));
    out.println("try in another terminal: bin/klaxon tail " + topics.requestMetrics()
        + ", bin/klaxon tail " + topics.alerts());
    out.println("notifications show under the table as '>> time receiver FIRING|RESOLVED severity summary'.");
    out.println("Ctrl-C stops everything.");
    out.flush();

    group.add("table", WindowTableLoop.start(new WindowTable(console), out,
        Map.copyOf(cluster.clientProperties(Map.of())), topics, AvroSerdes.forRegistryUrl(cluster.schemaRegistryUrl()),
        window));
    group.awaitShutdown(duration);
    out.println();
    out.println("stopped.");
    out.flush();
    return 0;
  }

  /** The table's windows, and the rules' 1-minute ones. */
  private List<Duration> windowSizes() {
    List<Duration> sizes = new ArrayList<>(List.of(window));
    if (!window.equals(RULES_WINDOW)) {
      sizes.add(RULES_WINDOW);
    }
    return sizes;
  }

  /**
   * The sink as {@code klaxon run} starts it, its integrations (the real Slack and PagerDuty notifiers)
   * finding the stand-in where they look up {@code KLAXON_SLACK_WEBHOOK_URL} and the routing key.
   */
  private SinkSettings sinkSettings(KafkaCluster cluster, URI standIn) {
    Map<String, String> environment = DemoRouting.environment(standIn);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    return SinkSettings.defaults(cluster.bootstrapServers()).withKafka(Map.copyOf(cluster.clientProperties(Map.of())))
        .withTopics(cluster.topics()).withSchemaRegistryUrl(cluster.schemaRegistryUrl()).withGroupId("klaxon-demo-sink")
        .withPorts(0, -1)
        .withIntegrations(stats -> Integrations.create(http, environment::get, stats).byType());
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

  /** The cost role, its spend API on 9468 or a free port. */
  private CostAggregator startCost(KafkaCluster cluster) {
    CostSettings settings = new CostSettings(cluster.bootstrapServers(), "klaxon-demo-cost", dataDir.resolve("cost-state"),
        Duration.ofMillis(200), 1, CostSection.DEFAULT_HTTP_PORT, "localhost", cluster.clientProperties(Map.of()),
        cluster.schemaRegistryUrl());
    SpendConfig config = SpendConfig.defaults(cluster.topics());
    try {
      return CostAggregator.start(config, settings);
    } catch (java.io.UncheckedIOException busy) {
      spec.commandLine().getOut().println("cost: port " + CostSection.DEFAULT_HTTP_PORT + " is taken; using a free port");
      return CostAggregator.start(config, settings.withHttpPort(0));
    }
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

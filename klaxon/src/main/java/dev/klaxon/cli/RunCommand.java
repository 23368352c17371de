package dev.klaxon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.cost.CostAggregator;
import dev.klaxon.cost.CostSection;
import dev.klaxon.exporter.ExporterSection;
import dev.klaxon.exporter.MetricsExporter;
import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.IngestGateway;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSection;
import dev.klaxon.rules.AlertEvaluator;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.rules.RulesSection;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.ServiceGroup;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.sink.AlertSink;
import dev.klaxon.sink.SinkSection;
import dev.klaxon.sink.config.SinkConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Klaxon's services, any set of them in one JVM, against any Kafka cluster or an embedded one:
 * what runs in production (one role per process) and on a laptop ({@code --embedded}, all roles).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run Klaxon's services until stopped (SIGTERM or Ctrl-C stops them cleanly).",
        "ROLE is gateway, processor, rules, cost, sink or exporter; with none, all of them run in this JVM.",
        "Default ports: gateway 8080, processor 9464, sink 9465 (silences API 9466),",
        "rules 9467, cost 9468 (with the spend API), exporter 9469 (Prometheus)."})
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ROLE", arity = "0..*", description = "Roles to run: ${COMPLETION-CANDIDATES} (default: all).")
  List<Role> roles;

  @Mixin KafkaOptions kafka;

  @Mixin LogOptions logging;

  @Option(names = "--config", paramLabel = "FILE",
      description = "klaxon.yaml: shared Kafka settings and a section per role (see README). Options override it.")
  Path configFile;

  @Option(names = "--embedded",
      description = "Start an in-process Kafka broker too, so one machine needs nothing else. Unless configured "
          + "otherwise, the gateway then listens on 127.0.0.1 without API keys, and the sink logs its notifications.")
  boolean embedded;

  @Option(names = "--data-dir", defaultValue = ".klaxon/run",
      description = "With --embedded: broker data, kept between runs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--kafka-port", defaultValue = "9092",
      description = "With --embedded: the broker's port; a free one is used if it is taken (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Override
  public Integer call() {
    logging.apply();
    if (embedded && kafka.bootstrapServers != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--embedded starts its own broker; leave out --bootstrap-servers " + kafka.bootstrapServers);
    }
    Map<String, String> env = System.getenv();
    RunFile file = RunFile.load(configFile);
    Set<Role> selected = roles == null || roles.isEmpty() ? EnumSet.allOf(Role.class) : EnumSet.copyOf(roles);

    // Every section is checked before anything starts, run or not.
    KafkaCluster provisional = kafka.cluster(file.kafkaSettings(), env);
    GatewayConfig.Events events = GatewayConfig.Events.fromSection(file.events());
    ProcessorSection processor = ProcessorSection.from(file.processor());
    RulesSection rulesSection = RulesSection.from(file.rules(), file.baseDir());
    RuleSet rules = rulesSection.ruleSet();
    CostSection cost = CostSection.from(file.cost());
    SinkSection sink = SinkSection.from(file.sink(), file.baseDir());
    ExporterSection exporter = ExporterSection.from(file.exporter());
    SinkConfig routing = embedded && sink.routing() == null ? SinkConfig.embedded() : sink.routingConfig();
    // A gateway that does not run needs no API keys (`run cost` alone); its section is still checked key by key.
    JsonNode gatewaySection = embedded || !selected.contains(Role.GATEWAY) ? trialGateway(file.gateway(), env)
        : file.gateway();
    GatewayConfig.fromSection(gatewaySection, provisional, events, env);

    ServiceGroup group = new ServiceGroup();
    KafkaCluster cluster = provisional;
    if (embedded) {
      EmbeddedBroker broker = group.start("kafka", () -> EmbeddedBroker.start(dataDir.resolve("kafka"), kafkaPort,
          provisional.topics()));
      cluster = provisional.withBootstrapServers(broker.bootstrapServers());
    }
    KafkaCluster kafkaCluster = cluster;
    for (Role role : selected) {
      switch (role) {
        case PROCESSOR -> group.start("processor", () -> MetricsProcessor.start(
            processor.metricsConfig(kafkaCluster.topics()).withEventLimits(events.limits()),
            processor.settings(kafkaCluster)));
        case RULES -> group.start("rules", () -> AlertEvaluator.start(rules,
            rulesSection.file() == null ? "the shipped rules" : rulesSection.file(),
            rulesSection.evaluatorConfig(kafkaCluster.topics(), processor.windows().get(0)),
            rulesSection.settings(kafkaCluster)));
        case COST -> group.start("cost", () -> CostAggregator.start(
            cost.spendConfig(kafkaCluster.topics(), events.limits()), cost.settings(kafkaCluster)));
        case SINK -> group.start("sink", () -> AlertSink.start(routing, sink.settings(kafkaCluster, env)));
        case EXPORTER -> group.start("exporter", () -> MetricsExporter.start(
            exporter.config(kafkaCluster.topics(), processor.windows().get(0)), exporter.cluster(kafkaCluster),
            exporter.httpPort()));
        case GATEWAY -> group.start("gateway", () -> IngestGateway.start(
            GatewayConfig.fromSection(gatewaySection, kafkaCluster, events, env)));
      }
    }
    group.awaitShutdown(null);
    return 0;
  }

  /**
   * On a single machine with an embedded broker, a gateway without API keys is a trial, not a
   * mistake: demo mode on loopback, which the gateway announces with a warning.
   */
  private static JsonNode trialGateway(JsonNode section, Map<String, String> env) {
    ObjectNode gateway = section == null || !section.isObject() ? YamlConfig.empty() : section.deepCopy();
    JsonNode auth = gateway.get("auth");
    boolean keysConfigured = (auth != null && auth.has("keys")) || env.get(GatewayConfig.KEYS_ENV) != null;
    boolean demoConfigured = auth != null && auth.has("demoMode");
    if (!keysConfigured && !demoConfigured) {
      YamlConfig.mapping(gateway, "auth", "gateway.auth").put("demoMode", true);
      ObjectNode http = YamlConfig.mapping(gateway, "http", "gateway.http");
      if (!http.has("host")) {
        http.put("host", "127.0.0.1");
      }
    }
    return gateway;
  }
}

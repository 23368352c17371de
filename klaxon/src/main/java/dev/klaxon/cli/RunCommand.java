package dev.klaxon.cli;

import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorConfigFile;
import dev.klaxon.processor.ProcessorSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The metrics processor alone, against any Kafka cluster: what runs in production. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the metrics processor against a Kafka cluster until stopped (SIGTERM/Ctrl-C closes it cleanly).")
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(names = "--config", paramLabel = "FILE", description = "Processor YAML file (see README); options below override it.")
  Path configFile;

  @Option(names = "--metrics-port", description = "Port of /metrics and /health (default: 9464, or the file's httpPort).")
  Integer metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    ProcessorConfigFile file = configFile == null ? ProcessorConfigFile.empty() : ProcessorConfigFile.load(configFile);
    MetricsConfig metrics = file.metricsConfig();
    if (!kafka.topicPrefix.equals(dev.klaxon.schemas.Topics.DEFAULT_PREFIX) || file.topicPrefix() == null) {
      metrics = new MetricsConfig(kafka.topics(), metrics.windowSizes(), metrics.grace(), metrics.idleClose(),
          metrics.punctuateInterval(), metrics.eventLimits());
    }
    ProcessorSettings base = file.settings();
    Map<String, String> clientProps = new HashMap<>(base.kafka());
    clientProps.putAll(kafka.kafka);
    String bootstrap = kafka.bootstrapServers != null || file.bootstrapServers() == null
        ? kafka.resolveBootstrapServers() : file.bootstrapServers();
    Optional<String> registry = kafka.resolveSchemaRegistryUrl().or(base::schemaRegistryUrl);
    ProcessorSettings settings = new ProcessorSettings(bootstrap, base.applicationId(), base.stateDir(),
        base.commitInterval(), base.threads(), metricsPort == null ? base.httpPort() : metricsPort, clientProps, registry);

    CountDownLatch stopped = new CountDownLatch(1);
    MetricsProcessor processor = MetricsProcessor.start(metrics, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      processor.close();
      stopped.countDown();
    }, "klaxon-run-shutdown"));
    spec.commandLine().getOut().printf("processor %s on %s: windows %s, grace %s; /metrics on port %d%n",
        settings.applicationId(), bootstrap, metrics.windowSizes(), metrics.grace(), processor.httpPort());
    spec.commandLine().getOut().flush();
    stopped.await();
    return 0;
  }
}

package dev.klaxon.cli;

import dev.klaxon.replay.Replay;
import dev.klaxon.replay.ReplayException;
import dev.klaxon.replay.ReplayRange;
import dev.klaxon.replay.ReplayRequest;
import dev.klaxon.replay.ReplayResult;
import dev.klaxon.replay.TimeArgument;
import dev.klaxon.replay.report.ReplayReport;
import dev.klaxon.replay.report.ReportBuilder;
import dev.klaxon.replay.report.ReportFormat;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code klaxon replay}: a time range recomputed for a post-mortem, and a report of it (design §10). */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Recompute metrics, alerts and the notifications they would have sent for a past time range,"
        + " from the input topics, into topics of its own (never the live ones), and write a report.",
        "Example: klaxon replay --from -2h --to -1h --services search-api --report incident.html"})
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Option(names = "--from", required = true, paramLabel = "TIME",
      description = "Start: ISO-8601 with a zone (2026-11-30T14:05:00Z), or relative to now (-2h, -30m).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
      description = "End, as --from; default: ${DEFAULT-VALUE}.")
  String to;

  @Option(names = "--services", split = ",", paramLabel = "SERVICE",
      description = "Only these services (comma-separated); default: all.")
  List<String> services = List.of();

  @Option(names = "--config", paramLabel = "FILE",
      description = "klaxon.yaml, as klaxon run reads it: Kafka, topic prefix, event limits, window, grace, spend"
          + " windows, rules and routing of the live deployment. Options override it.")
  Path configFile;

  @Option(names = "--rules", paramLabel = "FILE",
      description = "Alert rules to evaluate instead of the live ones (--config's, else the shipped ones):"
          + " what would these have fired?")
  Path rules;

  @Option(names = "--routing", paramLabel = "FILE",
      description = "Alert-sink routing whose notifications are simulated; default: --config's, else the shipped one.")
  Path routing;

  @Option(names = "--window", paramLabel = "DURATION",
      description = "Window size, as the processor's first size; default: --config's, else 1m.")
  Duration window;

  @Option(names = "--grace", paramLabel = "DURATION",
      description = "Grace period, as the processor's; default: --config's, else 10s.")
  Duration grace;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Where to write the report; default: replay-<start>.html (or .json).")
  Path report;

  @Option(names = "--format", paramLabel = "html|json",
      description = "html (default; one self-contained file that opens offline) or json (the same data).")
  String format;

  @Option(names = "--keep", description = "Keep the replay's topics (klaxon-replay-<run>.*) to inspect with klaxon tail.")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    quietLogs();
    RunFile file;
    ReplayConfig config;
    try {
      file = RunFile.load(configFile);
      config = ReplayConfig.of(file, window, grace, rules, routing);
    } catch (ConfigException e) {
      String message = e.getMessage();
      return fail(err, message.contains(String.valueOf(configFile)) ? message : "--config " + configFile + ": " + message);
    }
    ReplayRequest request;
    ReportFormat reportFormat;
    try {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      ReplayRange range = new ReplayRange(TimeArgument.parse(from, now), TimeArgument.parse(to, now), config.window(),
          config.grace());
      reportFormat = format != null ? ReportFormat.parse(format)
          : report != null && report.toString().toLowerCase(Locale.ROOT).endsWith(".json") ? ReportFormat.JSON
          : ReportFormat.HTML;
      request = new ReplayRequest(range, new LinkedHashSet<>(services), config.rules(), config.routing(), keep,
          config.live());
    } catch (IllegalArgumentException | ReplayException e) {
      return fail(err, e.getMessage());
    }
    Path out = report != null ? report : Path.of("replay-" + request.range().start().toString().replace(":", "")
        + "." + reportFormat.name().toLowerCase(Locale.ROOT));

    KafkaCluster cluster = kafka.cluster(file.kafkaSettings(), System.getenv());
    ReplayResult result;
    try (TerminalProgress progress = new TerminalProgress(err, System.console() != null)) {
      result = new Replay(cluster, AvroSerdes.forRegistryUrl(cluster.schemaRegistryUrl()), Clock.systemUTC())
          .run(request, progress);
    } catch (ReplayException e) {
      return fail(err, e.getMessage());
    }
    ReplayReport built = ReportBuilder.build(result, config.rulesSource(), config.routingSource(),
        System.currentTimeMillis());
    Files.writeString(out, reportFormat.render(built));
    summary(spec.commandLine().getOut(), result, built.summary().pendingNotFired(), out);
    return 0;
  }

  private static void summary(PrintWriter out, ReplayResult result, long pendingNotFired, Path report) {
    var range = result.request().range();
    out.printf(Locale.ROOT, "replayed %s to %s (%d windows of %s)%n", range.start(), range.end(), range.windowCount(),
        dev.klaxon.schemas.config.Durations.format(range.window()));
    out.printf(Locale.ROOT, "  events     %,d read, %,d replayed%n", result.eventsRead(), result.eventsReplayed());
    out.printf(Locale.ROOT, "  windows    %,d request, %,d log, %,d spend%n", result.requestWindows().size(),
        result.logWindows().size(), result.spendWindows().size());
    out.printf(Locale.ROOT, "  alerts     %d fired, %d resolved%s%n", result.firedCount(), result.resolvedCount(),
        pendingNotFired == 0 ? "" : String.format(Locale.ROOT, "; %d pending that never fired", pendingNotFired));
    out.printf(Locale.ROOT, "  would have notified %d times%s%n", result.notifications().size(),
        result.notifications().isEmpty() ? "" : ":");
    result.notifications().stream().limit(20).forEach(n -> out.printf(Locale.ROOT, "    %s  %-10s %-14s %-8s %s%s%n",
        Instant.ofEpochMilli(n.at()), n.receiver(), n.integration(), n.status().toUpperCase(Locale.ROOT),
        String.join(", ", n.alerts().stream().map(a -> a.rule() + " " + a.severity()).toList()),
        n.groupLabels().containsKey("service") ? "  (" + n.groupLabels().get("service") + ")" : ""));
    if (result.notifications().size() > 20) {
      out.printf(Locale.ROOT, "    ... and %d more in the report%n", result.notifications().size() - 20);
    }
    out.printf(Locale.ROOT, "  took       %.1f s (copy %.1f s, metrics %.1f s, rules %.1f s)%n",
        result.totalTime().toMillis() / 1000.0, result.copyTime().toMillis() / 1000.0,
        result.metricsTime().toMillis() / 1000.0, result.rulesTime().toMillis() / 1000.0);
    if (result.request().keep()) {
      String prefix = "klaxon-replay-" + result.runId() + ".";
      out.println("kept: topics " + prefix + "* (e.g. bin/klaxon tail " + prefix + "alerts --topic-prefix " + prefix
          + " --from-beginning)");
    }
    out.println("report: " + report.toAbsolutePath());
    out.flush();
  }

  /**
   * A replay is a command, not a service: its progress line and summary are the output. Kafka's client
   * warnings (a broker that does not answer logs one per retry) and the apps' start-up lines would bury
   * them; errors still show. KLAXON_DEBUG keeps everything.
   */
  private static void quietLogs() {
    if (System.getenv("KLAXON_DEBUG") != null
        || !(org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs)) {
      return;
    }
    logs.getLogger("org.apache.kafka").setLevel(ch.qos.logback.classic.Level.ERROR);
    logs.getLogger("dev.klaxon").setLevel(ch.qos.logback.classic.Level.WARN);
  }

  private static int fail(PrintWriter err, String message) {
    err.println("klaxon replay: " + message);
    err.flush();
    return 2;
  }
}

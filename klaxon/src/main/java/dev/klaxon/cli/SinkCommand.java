package dev.klaxon.cli;

import dev.klaxon.sink.InvalidConfigException;
import dev.klaxon.sink.config.RouteConfig;
import dev.klaxon.sink.config.RouteTreePrinter;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.route.GroupKeys;
import dev.klaxon.sink.route.Router;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klaxon sink check|test|why}: the alert sink's routing, offline, and an alert's decisions, online. */
@Command(name = "sink", mixinStandardHelpOptions = true,
    description = "Alert routing: check a config, test where an alert goes, explain what happened to one.",
    subcommands = {SinkCommand.Check.class, SinkCommand.Test.class, SinkCommand.Why.class})
final class SinkCommand {

  static SinkConfig load(Path file) {
    return file == null ? SinkConfig.defaults() : SinkConfig.load(file);
  }

  /** Prints every problem with its path; exit 1 when there is one. */
  static int refused(PrintWriter err, InvalidConfigException e) {
    err.println("klaxon sink: the config has " + e.problems().size() + " problem(s):");
    e.problems().forEach(p -> err.println("  " + p));
    return 1;
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate a routing config (strict: unknown keys, impossible routes and inhibit rules, "
          + "undefined receivers, repeat_interval < group_interval) and print its routing tree.")
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Routing YAML (default: the shipped defaults).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        SinkConfig config = load(file);
        out.print(RouteTreePrinter.print(config.route()));
        config.warnings().forEach(w -> out.println("warning: " + w));
        out.println("receivers: " + String.join(", ", config.receivers().stream()
            .map(r -> r.name() + " (" + String.join(", ", r.configs().keySet()) + ")").toList()));
        out.println("inhibit rules: " + config.inhibitRules().size());
        out.println("OK");
        return 0;
      } catch (InvalidConfigException e) {
        return refused(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Print the receivers (and group keys) an alert with these labels would reach.")
  static final class Test implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Routing YAML (default: the shipped defaults).")
    Path file;

    @Option(names = {"-l", "--labels"}, required = true, split = ",", paramLabel = "NAME=VALUE",
        description = "The alert's labels, e.g. --labels severity=critical,service=checkout,alertname=HighP95Latency")
    Map<String, String> labels;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        Router router = new Router(load(file).route());
        Map<String, String> sorted = new TreeMap<>(labels);
        List<RouteConfig> routes = router.match(sorted);
        for (RouteConfig route : routes) {
          out.println(route.receiver() + "\t" + GroupKeys.of(route, route.groupBy().groupLabels(sorted))
              + "\t(" + route.path() + ")");
        }
        return 0;
      } catch (InvalidConfigException e) {
        return refused(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(name = "why", mixinStandardHelpOptions = true,
      description = "Print what the sink decided about an alert: received, grouped, inhibited, silenced, sent, failed.")
  static final class Why implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FINGERPRINT", description = "The alert's fingerprint (the klaxon.alerts key).")
    String fingerprint;

    @Option(names = "--api-url", defaultValue = "http://localhost:9466",
        description = "The sink's silences API (default: ${DEFAULT-VALUE}).")
    String apiUrl;

    @Option(names = "--api-key-env", paramLabel = "VAR", defaultValue = "KLAXON_SINK_API_KEY",
        description = "Environment variable holding an admin key (default: ${DEFAULT-VALUE}).")
    String apiKeyEnv;

    @Override
    public Integer call() throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/alerts/"
          + java.net.URLEncoder.encode(fingerprint, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
          + "/why"));
      String key = System.getenv(apiKeyEnv);
      if (key != null && !key.isBlank()) {
        request.header("Authorization", "Bearer " + key.strip());
      }
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        spec.commandLine().getErr().println("klaxon sink why: " + response.statusCode() + " " + response.body());
        return 1;
      }
      com.fasterxml.jackson.databind.JsonNode steps = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(response.body());
      if (steps.isEmpty()) {
        spec.commandLine().getOut().println("nothing recorded for " + fingerprint + " on this instance");
      }
      steps.forEach(step -> spec.commandLine().getOut().println(step.path("at").asText() + "  " + step.path("what").asText()));
      return 0;
    }
  }
}

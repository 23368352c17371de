package dev.klaxon.cli;

import dev.klaxon.rules.InvalidRulesException;
import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.config.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klaxon rules check|test}: alert rules, offline: are they valid, and what would fire at a value. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Alert rules: check a rule file, test which rules a metric value fires.",
    subcommands = {RulesCommand.Check.class, RulesCommand.Test.class})
final class RulesCommand {

  static RuleSet load(Path file) {
    return file == null ? RuleSet.defaults() : RuleSet.load(file);
  }

  /** Prints every problem with its rule and key; exit 1. */
  static int refused(PrintWriter err, Path file, InvalidRulesException e) {
    err.println("klaxon rules: " + (file == null ? "the shipped rules have " : file + " has ") + e.problems().size()
        + " problem(s):");
    e.problems().forEach(p -> err.println("  " + p));
    return 1;
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate a rule file (strict: unknown keys and metrics, thresholds in the wrong order, bad "
          + "durations, resolveBelow on the wrong side, unknown template labels, budgets) and print the rules and "
          + "budgets as understood.")
  static final class Check implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Rule YAML (default: the shipped rules).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        RuleSet rules = load(file);
        rules.rules().forEach(rule -> out.println(rule.describe()));
        if (!rules.budgets().isEmpty()) {
          rules.budgets().describe().forEach(out::println);
        } else if (!rules.forMetric(Metric.SPEND_BUDGET_USED).isEmpty()) {
          out.println("budgets: none, so spend.budgetUsed rules never fire (add a budgets: section)");
        }
        out.println(rules.rules().size() + " rule(s) OK");
        return 0;
      } catch (InvalidRulesException e) {
        return refused(spec.commandLine().getErr(), file, e);
      }
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Print which rules a metric value would fire, at what severity, with the rendered summary. "
          + "Each sample is judged alone: for (how long a breach must last) is not applied.")
  static final class Test implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = {"-m", "--metric"}, required = true, split = ",", paramLabel = "METRIC=VALUE",
        description = "Metric values, e.g. --metric requests.p95=2300 (ms), requests.errorRate=0.08, absent=10m, "
            + "spend.budgetUsed=0.9 (90 %), spend.spike=3, spend.costPerRequest=0.12 (USD)")
    Map<String, String> metrics;

    @Option(names = {"-l", "--labels"}, split = ",", paramLabel = "NAME=VALUE",
        description = "The series' labels, e.g. --labels service=checkout,route=/pay,environment=production; "
            + "spend rules: user=alice,period=monthly,budget=usd or provider=openai")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--count", paramLabel = "N",
        description = "Requests in the window, checked against minCount (default: enough).")
    Long count;

    @Option(names = {"-r", "--rules"}, paramLabel = "FILE", description = "Rule YAML (default: the shipped rules).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      RuleSet rules;
      try {
        rules = load(file);
      } catch (InvalidRulesException e) {
        return refused(spec.commandLine().getErr(), file, e);
      }
      metrics.forEach((key, text) -> {
        Metric metric = Metric.byKey(key).orElseThrow(() -> new ParameterException(spec.commandLine(),
            "unknown metric '" + key + "'; known: " + String.join(", ", Metric.keys())));
        double value = value(metric, text);
        List<Rule> watching = rules.forMetric(metric);
        if (watching.isEmpty()) {
          out.println("no rule watches " + metric.key());
        }
        watching.forEach(rule -> judge(out, rule, value));
      });
      return 0;
    }

    private void judge(PrintWriter out, Rule rule, double value) {
      String shown = rule.metric().unit().format(value);
      if (!rule.where().matches(labels)) {
        out.println(rule.name() + ": not selected, the labels do not match where " + rule.where());
        return;
      }
      long samples = count == null ? Long.MAX_VALUE : count;
      if (!rule.hasEnoughSamples(samples)) {
        out.println(rule.name() + ": ignored, count " + samples + " is below minCount " + rule.minCount());
        return;
      }
      Optional<Severity> severity = rule.breaches(value, samples);
      if (severity.isEmpty()) {
        out.println(rule.name() + ": does not fire (" + shown + ")");
        return;
      }
      String threshold = rule.metric().unit().format(rule.threshold(severity.get()).getAsDouble());
      out.println(rule.name() + ": " + (severity.get() == Severity.critical ? "CRITICAL" : "warning") + " (" + shown + " "
          + rule.comparison().symbol() + " " + threshold + ")" + (rule.pendingFor(severity.get()).isZero() ? ""
          : ", after " + Durations.format(rule.pendingFor(severity.get())) + " of breach"));
      out.println("  labels: " + rule.alertLabels(labels) + "  fingerprint " + rule.fingerprint(labels));
      rule.annotations(labels, severity.get(), value).forEach((name, text) -> out.println("  " + name + ": " + text));
      rule.by().stream().filter(label -> !labels.containsKey(label))
          .forEach(label -> out.println("  (no " + label + " label given: add --labels " + label + "=...)"));
    }

    private double value(Metric metric, String text) {
      try {
        return metric == Metric.ABSENT ? Durations.parse(text).toMillis() : Double.parseDouble(text.strip());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), metric.key() + "=" + text + ": "
            + (metric == Metric.ABSENT ? e.getMessage() : "expected a number"
            + (metric.unit() == dev.klaxon.rules.Unit.MILLIS ? " of milliseconds" : "")));
      }
    }
  }
}

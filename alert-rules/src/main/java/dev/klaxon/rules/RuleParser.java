package dev.klaxon.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.rules.internal.Template;
import dev.klaxon.runtime.config.StrictYaml;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * YAML → {@link RuleSet}, reporting every problem of the file at once, each under its rule and key
 * ({@code rules[2](HighP95Latency).warning}). Structure first, then what the values mean together
 * (threshold order, the side of resolveBelow, template names); a rule with a problem is not built.
 */
final class RuleParser {

  private static final List<String> RULE_KEYS = List.of("name", "metric", "comparison", "where", "by", "levels",
      "warning", "critical", "for", "minCount", "resolveBelow", "resolveAbove", "summary", "description", "runbook", "baseline");
  private static final Map<String, String> OTHER_NAMES = Map.of("min_count", "minCount", "resolve_below", "resolveBelow",
      "group_by", "by", "labels", "by", "matchers", "where", "threshold", "warning or critical",
      "annotations", "summary, description, runbook", "level", "levels", "alert", "name", "expr", "metric");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final String RESOLVE_BELOW = "resolveBelow";
  private static final String RESOLVE_ABOVE = "resolveAbove";
  /** Sources whose windows count samples (requests, cost events): where minCount means something. */
  private static final Set<Metric.Source> COUNTED = EnumSet.of(Metric.Source.REQUESTS, Metric.Source.SPEND,
      Metric.Source.COST_PER_REQUEST);
  private static final List<String> BASELINE_KEYS = List.of("granularity", "windows", "minWindows");

  private final String source;
  private final StrictYaml yaml = new StrictYaml();

  RuleParser(String source) {
    this.source = source;
  }

  RuleSet parse(String text) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      throw new InvalidRulesException(source, List.of("(file): not valid YAML: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new InvalidRulesException(source, List.of("(file): empty; expected rules: followed by a list of rules"));
    }
    List<Rule> rules = new ArrayList<>();
    Budgets budgets = Budgets.NONE;
    if (yaml.isObject(root, "(file)")) {
      yaml.onlyKeys(root, "", Set.of("rules", "budgets"));
      budgets = new BudgetParser(yaml).parse(root.get("budgets"));
      JsonNode list = root.get("rules");
      if (list == null || list.isNull()) {
        yaml.problem("rules", "missing: the file lists its rules under rules:");
      } else if (!list.isArray()) {
        yaml.problem("rules", "expected a list" + StrictYaml.found(list));
      } else {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
          rule(list.get(i), i, names).ifPresent(rules::add);
        }
      }
    }
    if (yaml.hasProblems()) {
      throw new InvalidRulesException(source, yaml.problems());
    }
    return new RuleSet(rules, budgets);
  }

  private Optional<Rule> rule(JsonNode node, int index, Set<String> names) {
    String path = "rules[" + index + "]";
    if (!yaml.isObject(node, path)) {
      return Optional.empty();
    }
    int problemsBefore = yaml.problems().size();
    Optional<String> name = yaml.text(node, "name", path);
    if (name.isEmpty() && !node.has("name")) {
      yaml.problem(path + ".name", "missing: every rule needs a name (it becomes the alertname label)");
    } else if (name.isPresent()) {
      path = path + "(" + name.get() + ")";
      if (!NAME.matcher(name.get()).matches()) {
        yaml.problem(path + ".name", "must start with a letter and use only letters, digits and _ (e.g. HighP95Latency)");
      } else if (!names.add(name.get())) {
        yaml.problem(path + ".name", "another rule already has this name; alerts are told apart by it");
      }
    }
    yaml.onlyKeys(node, path, RULE_KEYS, key -> Optional.ofNullable(OTHER_NAMES.get(key)));

    Optional<Metric> metric = metric(node, path);
    Comparison comparison = comparison(node, path, metric);
    List<String> by = by(node, path, metric);
    LabelFilter where = where(node, path, metric, by);
    Set<LogLevel> levels = levels(node, path, metric);
    OptionalDouble warning = threshold(node, "warning", path, metric);
    OptionalDouble critical = threshold(node, "critical", path, metric);
    checkThresholds(path, metric, comparison, warning, critical);
    OptionalDouble resolveAt = resolveAt(node, path, metric, comparison, warning, critical);
    Map<Severity, Duration> pendingFor = pendingFor(node, path, metric, warning, critical);
    long minCount = minCount(node, path, metric);
    Optional<String> summary = template(node, "summary", path, by);
    if (summary.isEmpty() && !node.has("summary")) {
      yaml.problem(path + ".summary", "missing: on-call reads the summary first, e.g. \"p95 {{value}} on {{service}}\"");
    }
    String description = template(node, "description", path, by).orElse("");
    String runbook = template(node, "runbook", path, by).orElse("");
    Optional<SpikeBaseline> baseline = baseline(node, path, metric);

    if (yaml.problems().size() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new Rule(name.get(), metric.get(), comparison, by, where, levels, warning, critical, resolveAt,
        pendingFor.get(Severity.warning), pendingFor.get(Severity.critical), minCount, summary.get(), description,
        runbook, baseline));
  }

  private Optional<Metric> metric(JsonNode node, String path) {
    Optional<String> key = yaml.text(node, "metric", path);
    if (key.isEmpty()) {
      if (!node.has("metric")) {
        yaml.problem(path + ".metric", "missing; one of " + String.join(", ", Metric.keys()));
      }
      return Optional.empty();
    }
    Optional<Metric> metric = Metric.byKey(key.get());
    if (metric.isEmpty()) {
      yaml.problem(path + ".metric", "unknown metric '" + key.get() + "'"
          + StrictYaml.closest(key.get(), Metric.keys()).map(s -> " (did you mean " + s + "?)").orElse("")
          + "; known: " + String.join(", ", Metric.keys()));
    }
    return metric;
  }

  private Comparison comparison(JsonNode node, String path, Optional<Metric> metric) {
    Optional<String> symbol = yaml.text(node, "comparison", path);
    if (symbol.isEmpty()) {
      return Comparison.ABOVE;
    }
    if (metric.isPresent() && metric.get() == Metric.SPEND_BUDGET_USED && !symbol.get().strip().equals(">")) {
      yaml.problem(path + ".comparison", "a budget rule fires when a share of the budget is used: comparison >");
      return Comparison.ABOVE;
    }
    return Arrays.stream(Comparison.values()).filter(c -> c.symbol().equals(symbol.get().strip())).findFirst()
        .orElseGet(() -> {
          yaml.problem(path + ".comparison", "must be > (fire above the thresholds, the default) or < (fire below them)");
          return Comparison.ABOVE;
        });
  }

  private List<String> by(JsonNode node, String path, Optional<Metric> metric) {
    Optional<List<String>> written = yaml.strings(node, "by", path);
    if (written.isEmpty()) {
      return metric.map(RuleParser::defaultBy).orElse(List.of("service"));
    }
    List<String> by = written.get();
    if (metric.isPresent()) {
      Set<String> known = metric.get().source().labels();
      for (int i = 0; i < by.size(); i++) {
        if (!known.contains(by.get(i))) {
          yaml.problem(path + ".by[" + i + "]", "'" + by.get(i) + "' is not a label of " + metric.get().key()
              + " series; known: " + sorted(known));
        }
      }
    }
    checkIdentity(path, metric.map(Metric::source).orElse(Metric.Source.REQUESTS), by);
    if (new HashSet<>(by).size() != by.size()) {
      yaml.problem(path + ".by", "lists a label twice");
    }
    return by;
  }

  /** {@code by} when the rule has none: the labels that make one alert of the metric. */
  private static List<String> defaultBy(Metric metric) {
    return switch (metric.source()) {
      case BUDGET -> List.of("user", "period", "budget");
      case SPEND -> List.of("user");
      default -> List.of("service");
    };
  }

  /** The labels {@code by} cannot do without: what an alert of the metric is about. */
  private void checkIdentity(String path, Metric.Source source, List<String> by) {
    switch (source) {
      case BUDGET -> {
        if (!by.containsAll(List.of("user", "period", "budget"))) {
          yaml.problem(path + ".by", "a budget alert is one user's budget in one period: by [user, period, budget]");
        }
      }
      case SPEND -> {
        if (by.contains("user") == by.contains("service")) {
          yaml.problem(path + ".by", "must include user (user series) or service (service series), not both,"
              + " e.g. [user] or [service, provider]");
        }
      }
      default -> {
        if (!by.contains("service")) {
          yaml.problem(path + ".by", "must include service: alerts are per service, e.g. [service] or [service, route]");
        }
      }
    }
  }

  private LabelFilter where(JsonNode node, String path, Optional<Metric> metric, List<String> by) {
    JsonNode where = node.get("where");
    if (where == null || where.isNull()) {
      return LabelFilter.ANY;
    }
    if (!yaml.isObject(where, path + ".where")) {
      return LabelFilter.ANY;
    }
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = where.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String label = field.getKey();
      String key = path + ".where." + label;
      if (metric.isPresent() && metric.get().source() == Metric.Source.LOGS && label.equals("level")) {
        yaml.problem(key, "log rules choose their levels with levels: [error, fatal]");
        continue;
      }
      if (metric.isPresent() && !metric.get().source().labels().contains(label)) {
        yaml.problem(key, "'" + label + "' is not a label of " + metric.get().key() + " series; known: "
            + sorted(metric.get().source().labels()));
        continue;
      }
      if (label.equals("route") && !by.contains("route")) {
        yaml.problem(key, "a rule by [service] reads the service-wide series (route *); to watch routes, use by: [service, route]");
      }
      if (metric.isPresent() && metric.get().source() == Metric.Source.SPEND) {
        if (label.equals("provider") && !by.contains("provider")) {
          yaml.problem(key, "a rule without provider in by reads the all-providers series (provider *); to watch"
              + " providers, add provider to by");
        } else if ((label.equals("user") || label.equals("service")) && !by.contains(label)) {
          yaml.problem(key, "a rule by " + (by.contains("user") ? "user" : "service") + " reads "
              + (by.contains("user") ? "user" : "service") + " series, which have no " + label + " label");
        }
      }
      JsonNode value = field.getValue();
      Set<String> values = new LinkedHashSet<>();
      if (value.isTextual()) {
        values.add(value.asText());
      } else if (value.isArray() && !value.isEmpty() && stream(value).allMatch(JsonNode::isTextual)) {
        stream(value).forEach(v -> values.add(v.asText()));
      } else {
        yaml.problem(key, "expected a value or a non-empty list of values" + StrictYaml.found(value));
        continue;
      }
      allowed.put(label, values);
    }
    return new LabelFilter(allowed);
  }

  private Set<LogLevel> levels(JsonNode node, String path, Optional<Metric> metric) {
    Optional<List<String>> written = yaml.strings(node, "levels", path);
    boolean logs = metric.isPresent() && metric.get() == Metric.LOGS_COUNT;
    if (written.isPresent() && metric.isPresent() && !logs) {
      yaml.problem(path + ".levels", "only logs.count rules have levels");
      return Set.of();
    }
    if (!logs) {
      return Set.of();
    }
    if (written.isEmpty()) {
      return EnumSet.allOf(LogLevel.class);
    }
    if (written.get().isEmpty()) {
      yaml.problem(path + ".levels", "empty: list the levels to count, e.g. [error, fatal], or leave levels out to count all");
    }
    Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);
    List<String> known = Arrays.stream(LogLevel.values()).map(Enum::name).toList();
    for (int i = 0; i < written.get().size(); i++) {
      String level = written.get().get(i);
      if (known.contains(level)) {
        levels.add(LogLevel.valueOf(level));
      } else {
        yaml.problem(path + ".levels[" + i + "]", "unknown level '" + level + "'; known: " + String.join(", ", known));
      }
    }
    return levels;
  }

  /** A number, or for {@code absent} rules a duration (kept in milliseconds like the silence it is compared with). */
  private OptionalDouble threshold(JsonNode node, String key, String path, Optional<Metric> metric) {
    if (metric.isPresent() && metric.get() == Metric.ABSENT) {
      JsonNode value = node.get(key);
      if (value != null && value.isNumber()) {
        yaml.problem(path + "." + key, "an absent rule's thresholds are durations of silence, e.g. 5m");
        return OptionalDouble.empty();
      }
      return yaml.duration(node, key, path).map(d -> OptionalDouble.of(d.toMillis())).orElse(OptionalDouble.empty());
    }
    Optional<Double> value = yaml.number(node, key, path);
    if (value.isEmpty()) {
      return OptionalDouble.empty();
    }
    if (value.get() < 0) {
      yaml.problem(path + "." + key, "must not be negative");
      return OptionalDouble.empty();
    }
    if (metric.isPresent() && metric.get().unit() == Unit.SHARE && value.get() > 10) {
      yaml.problem(path + "." + key, metric.get().key() + " is a share: write 80 % as 0.8 and 100 % as 1");
      return OptionalDouble.empty();
    }
    if (metric.isPresent() && metric.get().unit() == Unit.RATIO && value.get() > 1) {
      yaml.problem(path + "." + key, metric.get().key() + " is a fraction: write 5 % as 0.05");
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(value.get());
  }

  private void checkThresholds(String path, Optional<Metric> metric, Comparison comparison, OptionalDouble warning,
      OptionalDouble critical) {
    if (warning.isEmpty() && critical.isEmpty()) {
      if (!hasProblemUnder(path + ".warning") && !hasProblemUnder(path + ".critical")) {
        yaml.problem(path, "needs a warning threshold, a critical one, or both");
      }
      return;
    }
    if (warning.isPresent() && critical.isPresent()
        && !comparison.breaches(critical.getAsDouble(), warning.getAsDouble())) {
      Unit unit = metric.map(Metric::unit).orElse(Unit.COUNT);
      yaml.problem(path + ".warning", "warning (" + unit.format(warning.getAsDouble()) + ") must be "
          + (comparison == Comparison.ABOVE ? "below" : "above") + " critical (" + unit.format(critical.getAsDouble())
          + ") in a " + comparison.symbol() + " rule: warning is the earlier, milder alarm");
    }
  }

  private OptionalDouble resolveAt(JsonNode node, String path, Optional<Metric> metric, Comparison comparison,
      OptionalDouble warning, OptionalDouble critical) {
    String key = comparison == Comparison.ABOVE ? RESOLVE_BELOW : RESOLVE_ABOVE;
    String other = comparison == Comparison.ABOVE ? RESOLVE_ABOVE : RESOLVE_BELOW;
    if (node.has(other)) {
      yaml.problem(path + "." + other, "a " + comparison.symbol() + " rule resolves "
          + (comparison == Comparison.ABOVE ? "below" : "above") + " its thresholds: use " + key);
    }
    if (!node.has(key)) {
      return OptionalDouble.empty();
    }
    if (metric.isPresent() && metric.get() == Metric.ABSENT) {
      yaml.problem(path + "." + key, "an absent rule resolves when events return; it takes no " + key);
      return OptionalDouble.empty();
    }
    if (metric.isPresent() && metric.get() == Metric.SPEND_BUDGET_USED) {
      yaml.problem(path + "." + key, "a budget alert resolves when its period ends, not when usage dips; it takes no "
          + key);
      return OptionalDouble.empty();
    }
    Optional<Double> value = yaml.number(node, key, path);
    if (value.isEmpty()) {
      return OptionalDouble.empty();
    }
    OptionalDouble lowest = warning.isPresent() ? warning : critical;
    if (lowest.isPresent() && !comparison.breaches(lowest.getAsDouble(), value.get())) {
      Unit unit = metric.map(Metric::unit).orElse(Unit.COUNT);
      yaml.problem(path + "." + key, key + " (" + unit.format(value.get()) + ") must be "
          + (comparison == Comparison.ABOVE ? "below" : "above") + " the " + (warning.isPresent() ? "warning" : "critical")
          + " threshold (" + unit.format(lowest.getAsDouble()) + "): an alert fires past the threshold and resolves only"
          + " once back past " + key);
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(value.get());
  }

  /** {@code for: 2m} (both severities) or {@code for: {warning: 2m}} (critical fires at once). */
  private Map<Severity, Duration> pendingFor(JsonNode node, String path, Optional<Metric> metric,
      OptionalDouble warning, OptionalDouble critical) {
    Map<Severity, Duration> pendingFor = new LinkedHashMap<>(Map.of(Severity.warning, Duration.ZERO,
        Severity.critical, Duration.ZERO));
    JsonNode value = node.get("for");
    if (value == null || value.isNull()) {
      return pendingFor;
    }
    if (metric.isPresent() && metric.get() == Metric.ABSENT) {
      yaml.problem(path + ".for", "an absent rule's warning and critical are already durations of silence; it takes no for");
      return pendingFor;
    }
    if (metric.isPresent() && metric.get() == Metric.SPEND_BUDGET_USED) {
      yaml.problem(path + ".for", "a budget alert fires once per period, as soon as the running total crosses; it takes no for");
      return pendingFor;
    }
    if (value.isObject()) {
      yaml.onlyKeys(value, path + ".for", List.of("warning", "critical"));
      for (Severity severity : List.of(Severity.warning, Severity.critical)) {
        if (value.has(severity.name()) && (severity == Severity.warning ? warning : critical).isEmpty()
            && !hasProblemUnder(path + "." + severity.name())) {
          yaml.problem(path + ".for." + severity.name(), "this rule has no " + severity.name() + " threshold");
        }
        yaml.duration(value, severity.name(), path + ".for").ifPresent(d -> pendingFor.put(severity, d));
      }
    } else {
      yaml.duration(node, "for", path).ifPresent(d -> {
        pendingFor.put(Severity.warning, d);
        pendingFor.put(Severity.critical, d);
      });
    }
    return pendingFor;
  }

  private long minCount(JsonNode node, String path, Optional<Metric> metric) {
    if (node.has("minCount") && metric.isPresent() && !COUNTED.contains(metric.get().source())) {
      yaml.problem(path + ".minCount", "only request, spend.spike and spend.costPerRequest rules have minCount (the"
          + " requests, or cost events, a window needs to count)");
      return 0;
    }
    return yaml.count(node, "minCount", path).orElse(0L);
  }

  private Optional<String> template(JsonNode node, String key, String path, List<String> by) {
    Optional<String> text = yaml.text(node, key, path);
    if (text.isEmpty()) {
      return text;
    }
    if (text.get().isBlank()) {
      yaml.problem(path + "." + key, "empty");
    }
    if (Template.hasBrokenPlaceholder(text.get())) {
      yaml.problem(path + "." + key, "has a {{ that is not a placeholder; write names like {{service}}");
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (String name : Template.names(text.get())) {
      if (!Rule.TEMPLATE_VALUES.contains(name) && !by.contains(name) && !name.equals("alertname")) {
        unknown.add(name);
      }
    }
    for (String name : unknown) {
      yaml.problem(path + "." + key, "{{" + name + "}} is not known here: templates may use "
          + String.join(", ", Rule.TEMPLATE_VALUES) + " and the rule's by labels (" + String.join(", ", by) + ")");
    }
    return text;
  }

  /** {@code baseline: {granularity: hour, windows: 24, minWindows: 6}}, each key optional (see {@link SpikeBaseline}). */
  private Optional<SpikeBaseline> baseline(JsonNode node, String path, Optional<Metric> metric) {
    boolean spike = metric.isPresent() && metric.get() == Metric.SPEND_SPIKE;
    JsonNode value = node.get("baseline");
    if (value == null || value.isNull()) {
      return spike ? Optional.of(SpikeBaseline.DEFAULT) : Optional.empty();
    }
    if (!spike) {
      if (metric.isPresent()) {
        yaml.problem(path + ".baseline", "only spend.spike rules have a baseline");
      }
      return Optional.empty();
    }
    String key = path + ".baseline";
    if (!yaml.isObject(value, key)) {
      return Optional.empty();
    }
    yaml.onlyKeys(value, key, BASELINE_KEYS);
    SpikeBaseline defaults = SpikeBaseline.DEFAULT;
    String granularity = yaml.text(value, "granularity", key).orElse(defaults.granularity());
    if (!SpikeBaseline.GRANULARITIES.contains(granularity)) {
      yaml.problem(key + ".granularity", "one of " + String.join(", ", SpikeBaseline.GRANULARITIES)
          + " (windows of one length; months are not)");
      return Optional.empty();
    }
    long windows = yaml.count(value, "windows", key).orElse((long) defaults.windows());
    long minWindows = yaml.count(value, "minWindows", key).orElse(Math.min(defaults.minWindows(), windows));
    if (windows < 1 || windows > SpikeBaseline.MAX_WINDOWS) {
      yaml.problem(key + ".windows", "between 1 and " + SpikeBaseline.MAX_WINDOWS + ": the history kept per series");
      return Optional.empty();
    }
    if (minWindows < 1 || minWindows > windows) {
      yaml.problem(key + ".minWindows", "between 1 and windows (" + windows + ")");
      return Optional.empty();
    }
    return Optional.of(new SpikeBaseline(granularity, (int) windows, (int) minWindows));
  }

  private boolean hasProblemUnder(String key) {
    return yaml.problems().stream().anyMatch(p -> p.startsWith(key + ":") || p.startsWith(key + "."));
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static String sorted(Set<String> labels) {
    return labels.stream().sorted().collect(Collectors.joining(", "));
  }
}

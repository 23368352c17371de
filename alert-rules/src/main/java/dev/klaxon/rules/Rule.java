package dev.klaxon.rules;

import dev.klaxon.rules.internal.Fingerprints;
import dev.klaxon.rules.internal.Template;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One alert rule as the file declared it, checked (see {@link RuleSet}), with the pure decisions the
 * evaluator takes per sample: which severity a value breaches, whether a firing alert holds,
 * escalates, de-escalates or resolves, how long a breach must last, and the alert's labels,
 * fingerprint and rendered annotations. No state lives here: the evaluator keeps it.
 *
 * @param by the labels that tell alerts of this rule apart; without {@code route}, request rules read
 *     the service-wide series (route {@code *})
 * @param levels for {@code logs.count}: the levels counted (all when the file lists none); empty otherwise
 * @param resolveAt {@code resolveBelow} ({@code >} rules) or {@code resolveAbove} ({@code <} rules):
 *     a firing alert resolves only past it, so a value hovering at the threshold does not flap
 * @param forWarning how long a warning breach must last before it fires (see {@link #windowsToFire})
 * @param minCount samples a window needs before its value counts as evidence at all: requests (request
 *     rules and {@code spend.costPerRequest}), cost events ({@code spend.spike})
 * @param summary template; {@code description} and {@code runbook} are empty when the file has none
 * @param baseline for {@code spend.spike}: what a window is compared with; empty for other metrics
 */
public record Rule(
    String name,
    Metric metric,
    Comparison comparison,
    List<String> by,
    LabelFilter where,
    Set<LogLevel> levels,
    OptionalDouble warning,
    OptionalDouble critical,
    OptionalDouble resolveAt,
    Duration forWarning,
    Duration forCritical,
    long minCount,
    String summary,
    String description,
    String runbook,
    Optional<SpikeBaseline> baseline) {

  /** Placeholders every template may use, besides the rule's {@code by} labels. */
  public static final List<String> TEMPLATE_VALUES = List.of("value", "threshold", "severity", "rule", "metric");

  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(comparison, "comparison");
    by = List.copyOf(by);
    Objects.requireNonNull(where, "where");
    levels = Set.copyOf(levels);
    Objects.requireNonNull(forWarning, "forWarning");
    Objects.requireNonNull(forCritical, "forCritical");
    if (warning.isEmpty() && critical.isEmpty()) {
      throw new IllegalArgumentException(name + ": a rule needs a warning or a critical threshold");
    }
    Objects.requireNonNull(summary, "summary");
    description = description == null ? "" : description;
    runbook = runbook == null ? "" : runbook;
    baseline = baseline == null ? Optional.empty() : baseline;
    if (baseline.isPresent() != (metric == Metric.SPEND_SPIKE)) {
      throw new IllegalArgumentException(name + ": spend.spike rules, and only they, have a baseline");
    }
  }

  public OptionalDouble threshold(Severity severity) {
    return switch (severity) {
      case critical -> critical;
      case warning -> warning;
      default -> OptionalDouble.empty();
    };
  }

  /** The least severe level this rule has: where it fires first and resolves last. */
  public Severity lowestSeverity() {
    return warning.isPresent() ? Severity.warning : Severity.critical;
  }

  /** Whether a window of {@code count} samples says anything; below {@code minCount} it is ignored. */
  public boolean hasEnoughSamples(long count) {
    return count >= minCount;
  }

  /**
   * The severity {@code value} breaches for an alert that is not firing yet, critical first; empty
   * when it breaches nothing or the window has too few samples.
   */
  public Optional<Severity> breaches(double value, long count) {
    if (!hasEnoughSamples(count)) {
      return Optional.empty();
    }
    if (critical.isPresent() && comparison.breaches(value, critical.getAsDouble())) {
      return Optional.of(Severity.critical);
    }
    if (warning.isPresent() && comparison.breaches(value, warning.getAsDouble())) {
      return Optional.of(Severity.warning);
    }
    return Optional.empty();
  }

  /** {@link #breaches(double, long)} for an {@code absent} rule: how long the service has been silent. */
  public Optional<Severity> breaches(Duration silence) {
    return breaches(silence.toMillis(), Long.MAX_VALUE);
  }

  /**
   * The severity an alert firing at {@code firing} should have after this sample: higher escalates,
   * lower de-escalates, empty resolves. Hysteresis: it resolves only past {@code resolveAt} (at the
   * lowest threshold without one), and critical de-escalates only once the value is as far back from
   * the critical threshold as {@code resolveAt} is from the lowest one (e.g. warning 1000, critical
   * 2000, resolveBelow 800: critical holds above 1800). A window with too few samples is no evidence
   * of recovery: the alert holds.
   */
  public Optional<Severity> holds(Severity firing, double value, long count) {
    if (!hasEnoughSamples(count)) {
      return Optional.of(firing);
    }
    if (critical.isPresent() && comparison.breaches(value, critical.getAsDouble())) {
      return Optional.of(Severity.critical);
    }
    double lowest = threshold(lowestSeverity()).getAsDouble();
    double resolve = resolveAt.orElse(lowest);
    if (firing == Severity.critical && critical.isPresent() && warning.isPresent()) {
      double deescalate = comparison.towardsGood(critical.getAsDouble(), Math.abs(lowest - resolve));
      double notPastWarning = comparison == Comparison.ABOVE ? Math.max(deescalate, warning.getAsDouble())
          : Math.min(deescalate, warning.getAsDouble());
      if (comparison.breaches(value, notPastWarning)) {
        return Optional.of(Severity.critical);
      }
    }
    if (comparison.breaches(value, resolve)) {
      return Optional.of(firing == Severity.critical && warning.isPresent() ? Severity.warning : firing);
    }
    return Optional.empty();
  }

  /** {@link #holds(Severity, double, long)} for an {@code absent} rule. */
  public Optional<Severity> holds(Severity firing, Duration silence) {
    return holds(firing, silence.toMillis(), Long.MAX_VALUE);
  }

  /** How long a breach at {@code severity} must last before the alert fires ({@code for}); zero fires at once. */
  public Duration pendingFor(Severity severity) {
    return severity == Severity.critical ? forCritical : forWarning;
  }

  /**
   * {@code for} in closed windows: consecutive breaching windows of {@code windowSize} before firing,
   * at least one (a {@code for: 2m} rule on 1-minute windows needs 2). Open windows count
   * {@link #pendingFor} in seconds of continuous breach instead.
   */
  public long windowsToFire(Severity severity, Duration windowSize) {
    long forMillis = pendingFor(severity).toMillis();
    long windowMillis = windowSize.toMillis();
    return Math.max(1, (forMillis + windowMillis - 1) / windowMillis);
  }

  /**
   * Whether this rule reads a series with these labels: {@code where} matches, request rules without
   * {@code route} in {@code by} read only the service-wide series (route {@code *}) and those with it
   * only per-route series, and log rules only their levels. Spend rules likewise: without
   * {@code provider} in {@code by} they read the all-providers series (provider {@code *}), and rules by
   * {@code user} read user series, rules by {@code service} service series.
   */
  public boolean selects(Map<String, String> series) {
    if (!where.matches(series)) {
      return false;
    }
    if (metric.source() == Metric.Source.SPEND) {
      boolean allProviders = "*".equals(series.get("provider"));
      return series.containsKey("user") == by.contains("user") && allProviders != by.contains("provider");
    }
    if (metric.source() == Metric.Source.REQUESTS && series.containsKey("route")) {
      boolean serviceWide = "*".equals(series.get("route"));
      if (serviceWide == by.contains("route")) {
        return false;
      }
    }
    if (metric.source() == Metric.Source.LOGS && series.containsKey("level")) {
      return levels.stream().anyMatch(level -> level.name().equals(series.get("level")));
    }
    return true;
  }

  /** The alert's labels: {@code alertname} (the rule) and the rule's {@code by} labels of the series. */
  public Map<String, String> alertLabels(Map<String, String> series) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", name);
    by.forEach(label -> {
      if (series.containsKey(label)) {
        labels.put(label, series.get(label));
      }
    });
    return labels;
  }

  /**
   * The stable id of this rule's alert for a series: rule name and the {@code by} labels only, in any
   * order (other labels of the series do not make another alert).
   */
  public String fingerprint(Map<String, String> series) {
    Map<String, String> identity = new LinkedHashMap<>(alertLabels(series));
    identity.remove("alertname");
    return Fingerprints.of(name, identity);
  }

  /**
   * {@code summary}, {@code description} and {@code runbook} rendered, empty ones left out; and the
   * metric's {@code unit} ({@link Unit#annotation()}), so receivers print the alert's bare value and
   * threshold as "82 % (threshold 80 %)" rather than "0.82 (threshold 0.8)".
   */
  public Map<String, String> annotations(Map<String, String> series, Severity severity, double value) {
    Map<String, String> values = new LinkedHashMap<>(alertLabels(series));
    values.put("value", metric.unit().format(value));
    threshold(severity).ifPresent(t -> values.put("threshold", metric.unit().format(t)));
    values.put("severity", severity.name());
    values.put("rule", name);
    values.put("metric", metric.key());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", Template.render(summary, values));
    if (!description.isEmpty()) {
      annotations.put("description", Template.render(description, values));
    }
    if (!runbook.isEmpty()) {
      annotations.put("runbook", Template.render(runbook, values));
    }
    if (!metric.unit().annotation().isEmpty()) {
      annotations.put("unit", metric.unit().annotation());
    }
    return annotations;
  }

  /** One line as {@code klaxon rules check} prints it. */
  public String describe() {
    StringBuilder line = new StringBuilder(name).append("  ").append(metric.key());
    if (!levels.isEmpty() && levels.size() < LogLevel.values().length) {
      line.append(levels.stream().map(Enum::name).sorted().toList());
    }
    line.append(' ').append(comparison.symbol());
    warning.ifPresent(w -> line.append(" warning ").append(metric.unit().format(w)));
    critical.ifPresent(c -> line.append(critical.isPresent() && warning.isPresent() ? "," : "")
        .append(" critical ").append(metric.unit().format(c)));
    resolveAt.ifPresent(r -> line.append(comparison == Comparison.ABOVE ? ", resolve below " : ", resolve above ")
        .append(metric.unit().format(r)));
    baseline.ifPresent(b -> line.append("  ").append(b));
    if (metric != Metric.ABSENT && metric != Metric.SPEND_BUDGET_USED) {
      line.append("  for ").append(forWarning.equals(forCritical) ? format(forWarning)
          : "warning " + format(forWarning) + "/critical " + format(forCritical));
      line.append("  minCount ").append(minCount);
    }
    line.append("  by ").append(by);
    line.append("  where ").append(where);
    return line.toString();
  }

  private static String format(Duration duration) {
    return dev.klaxon.schemas.config.Durations.format(duration);
  }
}

package dev.klaxon.loadtest.load;

import dev.klaxon.rules.Budgets;
import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.rules.internal.Sample;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sender's own running copy of what the rules see, fed every event it sends (event time), to tell
 * when the data breached a rule: the event after which a rule's value breaches one of its thresholds
 * (and has for the rule's {@code for}), which no pipeline can make come sooner. Detection is then timed
 * from there ({@code klaxon bench detection} does the same for one service).
 *
 * <p>Per rule, with the rule objects the run evaluates ({@link Rule#breaches}): request rules on the open
 * window of each series they select (per route and service-wide, per environment), series of one alert
 * combined as the evaluator combines them; {@code absent} as the last event of the service plus the
 * lowest threshold; {@code spend.budgetUsed} on the user's running spend of the day or month (exact
 * sums); {@code spend.costPerRequest} on a service's closed minute, breached at the minute's end. Not
 * tracked: {@code spend.spike} (hours of history) and {@code logs.count} (load profiles send no logs).
 * Not thread-safe: the sending thread's.
 */
public final class BreachTracker {

  /** A rule's data breached for an alert of these labels, at event time {@code atMs}, at {@code severity}. */
  public record Breach(String rule, Map<String, String> labels, Severity severity, long atMs) {}

  private static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final Budgets budgets;
  private final long windowMs;
  private final List<Rule> requestRules;
  private final List<Rule> absentRules;
  private final List<Rule> budgetRules;
  private final List<Rule> costPerRequestRules;

  private final Map<Map<String, String>, RequestWindowCopy> windows = new HashMap<>();
  /** Per rule and alert fingerprint: the request series it combines. */
  private final Map<String, Set<Map<String, String>>> seriesOfAlert = new HashMap<>();
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Long> lastEventMs = new HashMap<>();
  private final Map<String, Spend> periodSpend = new HashMap<>();
  private final Map<String, MinuteOfService> minutes = new HashMap<>();
  private final List<Breach> breaches = new ArrayList<>();

  public BreachTracker(RuleSet rules, Duration window) {
    this.budgets = rules.budgets();
    this.windowMs = window.toMillis();
    this.requestRules = rules.rules().stream().filter(r -> r.metric().source() == Metric.Source.REQUESTS).toList();
    this.absentRules = rules.forMetric(Metric.ABSENT);
    this.budgetRules = rules.forMetric(Metric.SPEND_BUDGET_USED);
    this.costPerRequestRules = rules.forMetric(Metric.SPEND_COST_PER_REQUEST);
  }

  /** A request event as sent. */
  public void request(RequestEvent event) {
    long at = event.getTimestamp();
    String service = event.getService().toString();
    String environment = event.getEnvironment() == null ? null : event.getEnvironment().toString();
    for (String route : List.of(event.getRoute().toString(), "*")) {
      Map<String, String> series = series(service, route, environment);
      windows.computeIfAbsent(series, k -> new RequestWindowCopy(windowMs))
          .add(at, event.getStatus(), event.getDurationMs());
      for (Rule rule : requestRules) {
        if (rule.selects(series)) {
          String alert = rule.name() + '|' + rule.fingerprint(series);
          seriesOfAlert.computeIfAbsent(alert, k -> new LinkedHashSet<>()).add(series);
          evaluateRequests(rule, alert, rule.alertLabels(series), at);
        }
      }
    }
    silenceEnds(service, at);
    minuteOf(service, at).requests++;
  }

  /** A cost event as sent. */
  public void cost(CostEvent event) {
    long at = event.getTimestamp();
    String user = event.getUserId().toString();
    budgets.forUser(user).ifPresent(budget -> budget.limits().forEach((limit, amount) -> {
      boolean day = limit.granularity().equals("day");
      String period = day ? Long.toString(Math.floorDiv(at, DAY_MS))
          : YearMonth.from(Instant.ofEpochMilli(at).atZone(ZoneOffset.UTC)).toString();
      Spend spend = periodSpend.computeIfAbsent(user + '|' + limit + '|' + period, k -> new Spend());
      spend.events++;
      if (limit.isTokens()) {
        if (event.getUnits() != null && Budgets.Limit.TOKENS_UNIT.equals(String.valueOf(event.getUnitType()))) {
          spend.tokens += event.getUnits();
        }
      } else {
        spend.usd = spend.usd.add(event.getCostUsd());
      }
      // As the evaluator: the exact sum as a double, over the amount.
      double used = (limit.isTokens() ? spend.tokens : spend.usd.doubleValue()) / amount;
      Map<String, String> series = new LinkedHashMap<>();
      series.put("user", user);
      series.put("period", limit.period());
      series.put("budget", limit.budget());
      for (Rule rule : budgetRules) {
        if (rule.selects(series)) {
          evaluate(rule, rule.name() + '|' + rule.fingerprint(series), rule.alertLabels(series), used, spend.events,
              at);
        }
      }
    }));
    MinuteOfService minute = minuteOf(event.getService().toString(), at);
    minute.usd = minute.usd.add(event.getCostUsd());
  }

  /** The end of the traffic: services silent since their last event, minutes that closed. */
  public void finish(long atMs) {
    lastEventMs.forEach((service, last) -> silence(service, last, atMs));
    minutes.forEach((service, minute) -> {
      if (minute.start + MINUTE_MS <= atMs) {
        closeMinute(service, minute);
      }
    });
    minutes.clear();
  }

  /** Every breach onset so far, in the order seen. */
  public List<Breach> breaches() {
    return List.copyOf(breaches);
  }

  /** The first breach of {@code rule} at or after {@code fromMs} whose labels {@code matches} accepts. */
  public static Optional<Breach> first(List<Breach> breaches, String rule, long fromMs,
      Predicate<Map<String, String>> matches) {
    return breaches.stream().filter(b -> b.rule().equals(rule) && b.atMs() >= fromMs && matches.test(b.labels()))
        .min(Comparator.comparingLong(Breach::atMs));
  }

  private void evaluateRequests(Rule rule, String alert, Map<String, String> labels, long at) {
    long windowStart = at - Math.floorMod(at, windowMs);
    List<RequestWindowCopy> current = seriesOfAlert.get(alert).stream().map(windows::get)
        .filter(w -> w.windowStart() == windowStart).toList();
    long count = current.stream().mapToLong(RequestWindowCopy::count).sum();
    if (!rule.hasEnoughSamples(count)) {
      return; // a fresh window says nothing yet; quantiles not worth computing
    }
    evaluate(rule, alert, labels, combine(rule, current), count, at);
  }

  /**
   * The value of an alert fed by several series (two environments under {@code by: [service]}), combined
   * by the evaluator's own {@link Sample#combine}, so the breach is judged as the rules judge it.
   */
  private static double combine(Rule rule, List<RequestWindowCopy> series) {
    return Sample.combine(rule, series.stream().map(w -> new Sample(w.value(rule.metric()), w.count())).toList())
        .value();
  }

  /**
   * Notes a breach onset: the value breaches a threshold and has, without a break, for that severity's
   * {@code for} (event time). A value with too few samples is no evidence either way.
   */
  private void evaluate(Rule rule, String alert, Map<String, String> labels, double value, long count, long at) {
    if (!rule.hasEnoughSamples(count)) {
      return;
    }
    Pending p = pending.computeIfAbsent(alert, k -> new Pending());
    Optional<Severity> severity = rule.breaches(value, count);
    if (severity.isEmpty()) {
      p.since = p.criticalSince = -1;
      p.breached = false;
      return;
    }
    p.since = p.since < 0 ? at : p.since;
    p.criticalSince = severity.get() != Severity.critical ? -1 : p.criticalSince < 0 ? at : p.criticalSince;
    Severity ready = p.criticalSince >= 0 && at - p.criticalSince >= rule.pendingFor(Severity.critical).toMillis()
        ? Severity.critical
        : rule.warning().isPresent() && at - p.since >= rule.pendingFor(Severity.warning).toMillis()
            ? Severity.warning : null;
    if (ready != null && !p.breached) {
      p.breached = true;
      breaches.add(new Breach(rule.name(), labels, ready, at));
    }
  }

  /** An event of {@code service} at {@code at}: a silence before it that breached a rule ends here. */
  private void silenceEnds(String service, long at) {
    Long last = lastEventMs.put(service, at);
    if (last != null) {
      silence(service, last, at);
    }
  }

  private void silence(String service, long lastMs, long untilMs) {
    Map<String, String> series = Map.of("service", service);
    for (Rule rule : absentRules) {
      Optional<Severity> severity = rule.breaches(Duration.ofMillis(untilMs - lastMs));
      if (rule.selects(series) && severity.isPresent()) {
        Severity lowest = rule.lowestSeverity();
        breaches.add(new Breach(rule.name(), rule.alertLabels(series), lowest,
            lastMs + (long) rule.threshold(lowest).getAsDouble()));
      }
    }
  }

  private MinuteOfService minuteOf(String service, long at) {
    long start = at - Math.floorMod(at, MINUTE_MS);
    MinuteOfService minute = minutes.get(service);
    if (minute != null && minute.start != start) {
      closeMinute(service, minute);
      minute = null;
    }
    if (minute == null) {
      minute = new MinuteOfService(start);
      minutes.put(service, minute);
    }
    return minute;
  }

  /** A service's closed minute, cost per request: known whole at the minute's end. */
  private void closeMinute(String service, MinuteOfService minute) {
    if (minute.requests == 0) {
      return; // spend without requests has no cost per request
    }
    Map<String, String> series = Map.of("service", service);
    for (Rule rule : costPerRequestRules) {
      if (rule.selects(series)) {
        evaluate(rule, rule.name() + '|' + rule.fingerprint(series), rule.alertLabels(series),
            minute.usd.doubleValue() / minute.requests, minute.requests, minute.start + MINUTE_MS);
      }
    }
  }

  private static Map<String, String> series(String service, String route, String environment) {
    Map<String, String> series = new LinkedHashMap<>();
    series.put("service", service);
    series.put("route", route);
    if (environment != null) {
      series.put("environment", environment);
    }
    return series;
  }

  /** Since when an alert's value has breached without a break (event time; -1: not breaching). */
  private static final class Pending {
    long since = -1;
    long criticalSince = -1;
    boolean breached;
  }

  private static final class Spend {
    BigDecimal usd = BigDecimal.ZERO;
    double tokens;
    long events;
  }

  private static final class MinuteOfService {
    final long start;
    long requests;
    BigDecimal usd = BigDecimal.ZERO;

    MinuteOfService(long start) {
      this.start = start;
    }
  }
}

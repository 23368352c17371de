package dev.klaxon.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule watches, by the name a rule file uses ({@code metric: requests.p95}). Request metrics
 * are fields of a {@code RequestWindow}, {@code logs.count} is the {@code LogWindow} count summed over
 * the rule's levels, and {@code absent} is how long a known service has sent nothing. The {@code spend.*}
 * metrics read {@code SpendWindow}s (the cost aggregator's): the share of a user's budget used, a closed
 * window's spend against its series' trailing average, and a service's spend per request.
 */
public enum Metric {
  REQUESTS_P50("requests.p50", Source.REQUESTS, Unit.MILLIS),
  REQUESTS_P95("requests.p95", Source.REQUESTS, Unit.MILLIS),
  REQUESTS_P99("requests.p99", Source.REQUESTS, Unit.MILLIS),
  REQUESTS_MAX("requests.max", Source.REQUESTS, Unit.MILLIS),
  REQUESTS_MEAN("requests.mean", Source.REQUESTS, Unit.MILLIS),
  REQUESTS_COUNT("requests.count", Source.REQUESTS, Unit.COUNT),
  /** 5xx / all requests of the window, a fraction (0.05 is 5 %). */
  REQUESTS_ERROR_RATE("requests.errorRate", Source.REQUESTS, Unit.RATIO),
  REQUESTS_ERRORS_5XX("requests.errors5xx", Source.REQUESTS, Unit.COUNT),
  REQUESTS_ERRORS_4XX("requests.errors4xx", Source.REQUESTS, Unit.COUNT),
  /** 401 and 403 responses of the window. */
  REQUESTS_AUTH_FAILURES("requests.authFailures", Source.REQUESTS, Unit.COUNT),
  LOGS_COUNT("logs.count", Source.LOGS, Unit.COUNT),
  /** Milliseconds since the last event of a service seen before; thresholds are durations. */
  ABSENT("absent", Source.ABSENCE, Unit.DURATION),
  /**
   * The share of a user's budget (see {@link Budgets}) used so far in the period, across providers, from
   * running (open) and closed day and month totals: 0.85 is 85 %.
   */
  SPEND_BUDGET_USED("spend.budgetUsed", Source.BUDGET, Unit.SHARE),
  /** A closed window's spend divided by the average of its series' previous windows ({@link SpikeBaseline}). */
  SPEND_SPIKE("spend.spike", Source.SPEND, Unit.TIMES),
  /** A service's spend of a minute, all providers, divided by its requests of that minute (route *). */
  SPEND_COST_PER_REQUEST("spend.costPerRequest", Source.COST_PER_REQUEST, Unit.USD);

  /** Where the evaluator reads a metric from; it decides which labels a rule may use. */
  public enum Source {
    REQUESTS(Set.of("service", "route", "environment")),
    LOGS(Set.of("service", "level", "environment")),
    ABSENCE(Set.of("service", "environment")),
    /** One user's use of one budget: {@code period} daily or monthly, {@code budget} usd or tokens. */
    BUDGET(Set.of("user", "period", "budget")),
    /** Spend series: per user ({@code user}) or per service ({@code service}), per provider or all ({@code *}). */
    SPEND(Set.of("user", "service", "provider")),
    /** A service's spend paired with its requests. */
    COST_PER_REQUEST(Set.of("service"));

    private final Set<String> labels;

    Source(Set<String> labels) {
      this.labels = labels;
    }

    /** The labels series of this source carry: what {@code by} and {@code where} may name. */
    public Set<String> labels() {
      return labels;
    }
  }

  private final String key;
  private final Source source;
  private final Unit unit;

  Metric(String key, Source source, Unit unit) {
    this.key = key;
    this.source = source;
    this.unit = unit;
  }

  /** The name in a rule file, e.g. {@code requests.p95}. */
  public String key() {
    return key;
  }

  public Source source() {
    return source;
  }

  public Unit unit() {
    return unit;
  }

  public static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Metric::key).toList();
  }

  @Override
  public String toString() {
    return key;
  }
}

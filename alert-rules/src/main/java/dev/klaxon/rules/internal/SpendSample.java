package dev.klaxon.rules.internal;

import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One spend window as spend rules read it (closed, or the running total of an open one): a user series
 * ({@code user}, {@code provider}) or a service series ({@code service}, {@code provider}); provider
 * {@code *} is all providers.
 *
 * @param user null for service series
 * @param service null for user series
 * @param tokens {@code units["tokens"]}, 0 when the window has none
 * @param eventTime open windows: the record's timestamp, within the window; closed windows: the window's end
 */
public record SpendSample(boolean closed, String granularity, String user, String service, String provider,
    long windowStart, long windowEnd, BigDecimal costUsd, long events, double tokens, long eventTime)
    implements MetricInput {

  static final String ALL = "*";
  static final String USER_KEY_PREFIX = "user:";

  public static SpendSample of(SpendWindow window, boolean closed, long recordTimestamp) {
    boolean serviceSeries = window.getService() != null;
    Double tokens = window.getUnits() == null ? null : window.getUnits().get(dev.klaxon.rules.Budgets.Limit.TOKENS_UNIT);
    long eventTime = closed ? window.getWindowEnd()
        : Math.max(window.getWindowStart(), Math.min(recordTimestamp, window.getWindowEnd()));
    return new SpendSample(closed, window.getGranularity(), serviceSeries ? null : window.getUserId(),
        serviceSeries ? window.getService() : null, window.getProvider(), window.getWindowStart(),
        window.getWindowEnd(), window.getCostUsd(), window.getEvents(), tokens == null ? 0 : tokens, eventTime);
  }

  @Override
  public String partitionKey() {
    return user != null ? USER_KEY_PREFIX + user : service;
  }

  public boolean isUserSeries() {
    return user != null && !ALL.equals(user);
  }

  public boolean isServiceSeries() {
    return service != null;
  }

  public boolean allProviders() {
    return ALL.equals(provider);
  }

  /** The series' labels, as spend rules' {@code by} and {@code where} name them. */
  public Map<String, String> series() {
    Map<String, String> series = new LinkedHashMap<>();
    if (isServiceSeries()) {
      series.put("service", service);
    } else {
      series.put("user", user);
    }
    series.put("provider", provider);
    return series;
  }

  /** The series, whatever the granularity: {@code user|alice|openai}, {@code service|search|*}. */
  public String seriesId() {
    return (isServiceSeries() ? "service|" + service : "user|" + user) + '|' + provider;
  }
}

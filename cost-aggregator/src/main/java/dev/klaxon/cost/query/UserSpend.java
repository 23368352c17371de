package dev.klaxon.cost.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One user's running spend in the current period: the answer of {@code GET /api/v1/spend/users/{userId}}.
 * Amounts are exact (JSON numbers written in full, never through a double).
 *
 * @param start period start, ISO-8601 UTC
 * @param end period end (exclusive), ISO-8601 UTC
 * @param units summed per unit type, e.g. {@code tokens}
 * @param providers the same per provider, most spent first
 */
public record UserSpend(String userId, String period, String start, String end, BigDecimal costUsd, long events,
    Map<String, Double> units, List<ProviderSpend> providers) {

  /** One provider's part. */
  public record ProviderSpend(String provider, BigDecimal costUsd, long events, Map<String, Double> units) {}
}

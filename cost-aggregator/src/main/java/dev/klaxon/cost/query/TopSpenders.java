package dev.klaxon.cost.query;

import java.math.BigDecimal;
import java.util.List;

/**
 * The users who spent most in the current period, across providers: the answer of
 * {@code GET /api/v1/spend/top}.
 *
 * @param instances how many instances' parts were merged
 * @param users most spent first, at most the limit asked for
 */
public record TopSpenders(String period, String start, String end, int instances, List<UserTotal> users) {

  /** One user's total across providers. */
  public record UserTotal(String userId, BigDecimal costUsd, long events) {}
}

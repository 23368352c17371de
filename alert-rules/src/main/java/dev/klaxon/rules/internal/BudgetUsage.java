package dev.klaxon.rules.internal;

import dev.klaxon.rules.Budgets;
import dev.klaxon.rules.Budgets.Budget;
import dev.klaxon.rules.Budgets.Limit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A user's day or month spend window (all providers, running or closed) → the share of each of the
 * user's budgets for that period it uses: the {@code spend.budgetUsed} samples, one per budget
 * (USD, tokens), labelled {@code user}, {@code period}, {@code budget}.
 */
final class BudgetUsage {

  /** @param value the share used: 0.85 is 85 % */
  record Use(Map<String, String> series, double value) {}

  private BudgetUsage() {}

  static List<Use> of(Budgets budgets, SpendSample spend) {
    if (!spend.isUserSeries() || !spend.allProviders()) {
      return List.of(); // budgets are per user, across providers
    }
    Optional<Budget> budget = budgets.forUser(spend.user());
    if (budget.isEmpty()) {
      return List.of();
    }
    List<Use> uses = new ArrayList<>();
    for (Limit limit : Limit.values()) {
      if (!limit.granularity().equals(spend.granularity())) {
        continue;
      }
      budget.get().limit(limit).ifPresent(amount -> {
        double used = limit.isTokens() ? spend.tokens() : spend.costUsd().doubleValue();
        Map<String, String> series = new LinkedHashMap<>();
        series.put("user", spend.user());
        series.put("period", limit.period());
        series.put("budget", limit.budget());
        uses.add(new Use(series, used / amount));
      });
    }
    return uses;
  }
}

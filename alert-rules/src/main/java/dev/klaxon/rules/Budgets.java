package dev.klaxon.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Spend budgets: the {@code budgets:} section of a rules file, what {@code spend.budgetUsed} rules measure
 * against. A user listed under {@code users} has their plan's amounts with their own on top (a listed
 * user without a plan has only their own); every other user has the {@code default}; a user with none
 * of these has no budget and no budget alert.
 *
 * <pre>
 * budgets:
 *   default: {monthlyUsd: 50}
 *   plans:
 *     pro: {monthlyUsd: 500, dailyUsd: 50, monthlyTokens: 20000000}
 *   users:
 *     alice: {plan: pro}
 *     bob: {monthlyUsd: 5}
 * </pre>
 *
 * @param fallback the {@code default} budget, for users not listed
 */
public record Budgets(Optional<Budget> fallback, Map<String, Budget> plans, Map<String, UserBudget> users) {

  /** No budgets at all: budget rules never fire. */
  public static final Budgets NONE = new Budgets(Optional.empty(), Map.of(), Map.of());

  public Budgets {
    plans = Map.copyOf(plans);
    users = Map.copyOf(users);
  }

  /** The budget that applies to {@code userId}, if any. */
  public Optional<Budget> forUser(String userId) {
    UserBudget user = users.get(userId);
    if (user == null) {
      return fallback;
    }
    Map<Limit, Double> limits = new EnumMap<>(Limit.class);
    user.plan().map(plans::get).ifPresent(plan -> limits.putAll(plan.limits()));
    limits.putAll(user.own().limits());
    return Optional.of(new Budget(limits));
  }

  public boolean isEmpty() {
    return fallback.isEmpty() && users.isEmpty();
  }

  /** Lines as {@code klaxon rules check} prints them; user ids are counted, never listed. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("budgets: default " + fallback.map(Budget::toString).orElse("none") + "; " + plans.size()
        + " plan(s), " + users.size() + " user(s) listed");
    new TreeMap<>(plans).forEach((name, plan) -> lines.add("  plan " + name + " " + plan + ", "
        + users.values().stream().filter(u -> u.plan().filter(name::equals).isPresent()).count() + " user(s)"));
    return lines;
  }

  /** One budget's amounts; a limit it does not set does not apply. */
  public record Budget(Map<Limit, Double> limits) {

    public Budget {
      limits = limits.isEmpty() ? Map.of() : new EnumMap<>(limits);
    }

    public OptionalDouble limit(Limit limit) {
      Double amount = limits.get(limit);
      return amount == null ? OptionalDouble.empty() : OptionalDouble.of(amount);
    }

    @Override
    public String toString() {
      return limits.entrySet().stream().map(e -> e.getKey().key() + " " + e.getKey().format(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
  }

  /** A user under {@code users}: a plan (if named) and the user's own amounts, which take precedence. */
  public record UserBudget(Optional<String> plan, Budget own) {}

  /**
   * The amounts a budget may set, each read from a day or month spend window: its key in the file, and
   * the {@code period} and {@code budget} labels of its {@code spend.budgetUsed} series.
   */
  public enum Limit {
    DAILY_USD("dailyUsd", "day", "usd"),
    MONTHLY_USD("monthlyUsd", "month", "usd"),
    DAILY_TOKENS("dailyTokens", "day", "tokens"),
    MONTHLY_TOKENS("monthlyTokens", "month", "tokens");

    /** The unit type of token budgets in {@code SpendWindow.units}. */
    public static final String TOKENS_UNIT = "tokens";

    private final String key;
    private final String granularity;
    private final String budget;

    Limit(String key, String granularity, String budget) {
      this.key = key;
      this.granularity = granularity;
      this.budget = budget;
    }

    public String key() {
      return key;
    }

    /** The {@code SpendWindow} granularity it reads: {@code day} or {@code month}. */
    public String granularity() {
      return granularity;
    }

    /** The {@code period} label: {@code daily} or {@code monthly}. */
    public String period() {
      return granularity.equals("day") ? "daily" : "monthly";
    }

    /** The {@code budget} label: {@code usd} or {@code tokens}. */
    public String budget() {
      return budget;
    }

    public boolean isTokens() {
      return budget.equals("tokens");
    }

    String format(double amount) {
      return isTokens() ? Unit.COUNT.format(amount) + " tokens" : Unit.USD.format(amount);
    }

    public static List<String> keys() {
      return Arrays.stream(values()).map(Limit::key).toList();
    }
  }
}

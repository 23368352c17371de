package dev.klaxon.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.rules.Budgets.Budget;
import dev.klaxon.rules.Budgets.Limit;
import dev.klaxon.rules.Budgets.UserBudget;
import dev.klaxon.runtime.config.StrictYaml;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code budgets:} section of a rules file → {@link Budgets}, strictly, adding its problems to the
 * rule parser's (every problem of the file at once, each by path: {@code budgets.plans.pro.montlyUsd}).
 */
final class BudgetParser {

  private static final String PATH = "budgets";
  private static final List<String> SECTION_KEYS = List.of("default", "plans", "users");
  private static final Map<String, String> OTHER_NAMES = Map.of("monthly", "monthlyUsd", "daily", "dailyUsd",
      "monthly_usd", "monthlyUsd", "daily_usd", "dailyUsd", "tokens", "monthlyTokens or dailyTokens");

  private final StrictYaml yaml;

  BudgetParser(StrictYaml yaml) {
    this.yaml = yaml;
  }

  /** @param section the {@code budgets:} node, or null when the file has none */
  Budgets parse(JsonNode section) {
    if (section == null || section.isNull()) {
      return Budgets.NONE;
    }
    if (!yaml.isObject(section, PATH)) {
      return Budgets.NONE;
    }
    yaml.onlyKeys(section, PATH, SECTION_KEYS);
    Optional<Budget> fallback = Optional.ofNullable(section.get("default")).filter(n -> !n.isNull())
        .flatMap(node -> budget(node, PATH + ".default", List.of()));
    Map<String, JsonNode> declaredPlans = entries(section, "plans");
    Map<String, Budget> plans = new LinkedHashMap<>();
    declaredPlans.forEach((name, node) ->
        budget(node, PATH + ".plans." + name, List.of()).ifPresent(plan -> plans.put(name, plan)));
    Map<String, UserBudget> users = new LinkedHashMap<>();
    entries(section, "users").forEach((id, node) -> user(node, PATH + ".users." + id, declaredPlans.keySet())
        .ifPresent(user -> users.put(id, user)));
    return new Budgets(fallback, plans, users);
  }

  /** @param plans the plans the file declares (a plan with problems of its own is reported there, not here) */
  private Optional<UserBudget> user(JsonNode node, String path, Set<String> plans) {
    Optional<Budget> own = budget(node, path, List.of("plan"));
    Optional<String> plan = node.isObject() ? yaml.text(node, "plan", path) : Optional.empty();
    if (plan.isPresent() && !plans.contains(plan.get())) {
      yaml.problem(path + ".plan", "unknown plan '" + plan.get() + "'" + (plans.isEmpty() ? "; budgets.plans defines none"
          : StrictYaml.closest(plan.get(), plans).map(s -> " (did you mean " + s + "?)").orElse("")
          + "; plans: " + String.join(", ", plans)));
      return Optional.empty();
    }
    if (own.isEmpty()) {
      return Optional.empty();
    }
    if (plan.isEmpty() && own.get().limits().isEmpty() && !node.has("plan")) {
      yaml.problem(path, "sets nothing: name a plan, an amount (" + String.join(", ", Limit.keys()) + "), or both");
      return Optional.empty();
    }
    return Optional.of(new UserBudget(plan, own.get()));
  }

  /**
   * The amounts of a budget mapping; {@code extraKeys} are allowed beside them (a user's {@code plan}).
   * Empty when the node has a problem. Plans and the default must set at least one amount.
   */
  private Optional<Budget> budget(JsonNode node, String path, List<String> extraKeys) {
    if (!yaml.isObject(node, path)) {
      return Optional.empty();
    }
    List<String> allowed = new ArrayList<>(Limit.keys());
    allowed.addAll(extraKeys);
    int problemsBefore = yaml.problems().size();
    yaml.onlyKeys(node, path, allowed, key -> Optional.ofNullable(OTHER_NAMES.get(key)));
    Map<Limit, Double> limits = new EnumMap<>(Limit.class);
    for (Limit limit : Limit.values()) {
      amount(node, limit, path).ifPresent(amount -> limits.put(limit, amount));
    }
    if (yaml.problems().size() > problemsBefore) {
      return Optional.empty();
    }
    if (limits.isEmpty() && extraKeys.isEmpty()) {
      yaml.problem(path, "sets no amount; one of " + String.join(", ", Limit.keys()));
      return Optional.empty();
    }
    return Optional.of(new Budget(limits));
  }

  private Optional<Double> amount(JsonNode node, Limit limit, String path) {
    if (limit.isTokens()) {
      Optional<Long> tokens = yaml.count(node, limit.key(), path);
      if (tokens.isPresent() && tokens.get() == 0) {
        yaml.problem(StrictYaml.join(path, limit.key()), "must be more than 0 tokens; leave it out for no token budget");
        return Optional.empty();
      }
      return tokens.map(Long::doubleValue);
    }
    Optional<Double> usd = yaml.number(node, limit.key(), path);
    if (usd.isPresent() && !(usd.get() > 0)) {
      yaml.problem(StrictYaml.join(path, limit.key()), "must be more than $0; leave it out for no such budget");
      return Optional.empty();
    }
    return usd;
  }

  /** The named mappings under {@code key} ({@code plans}, {@code users}), in file order. */
  private Map<String, JsonNode> entries(JsonNode section, String key) {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    JsonNode node = section.get(key);
    if (node == null || node.isNull() || !yaml.isObject(node, PATH + "." + key)) {
      return entries;
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      entries.put(field.getKey(), field.getValue());
    }
    return entries;
  }
}

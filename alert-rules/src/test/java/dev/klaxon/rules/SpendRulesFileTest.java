package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.rules.Budgets.Limit;
import org.junit.jupiter.api.Test;

/** Spend rules and the budgets: section of a rules file (per user, per plan, a default): strict like the rest. */
class SpendRulesFileTest {

  private static final String RULE = """
      rules:
        - {name: Budget, metric: spend.budgetUsed, warning: 0.8, critical: 1.0, summary: "{{user}} {{value}}"}
      """;

  @Test
  void usersGetTheirOwnBudgetTheirPlansWithTheirOwnAmountsOnTopOrTheDefault() {
    Budgets budgets = RuleSet.parse(RULE + """
        budgets:
          default: {monthlyUsd: 50}
          plans:
            pro: {monthlyUsd: 500, dailyUsd: 50, monthlyTokens: 20000000}
          users:
            alice: {plan: pro}
            bob: {monthlyUsd: 5}
            carol: {plan: pro, dailyUsd: 100}
        """, "test").budgets();

    assertThat(budgets.forUser("alice").orElseThrow().limit(Limit.MONTHLY_TOKENS)).hasValue(20_000_000);
    assertThat(budgets.forUser("alice").orElseThrow().limit(Limit.DAILY_USD)).hasValue(50);
    assertThat(budgets.forUser("bob").orElseThrow().limit(Limit.MONTHLY_USD)).hasValue(5);
    assertThat(budgets.forUser("bob").orElseThrow().limit(Limit.DAILY_USD)).as("a listed user does not inherit the default").isEmpty();
    assertThat(budgets.forUser("carol").orElseThrow().limit(Limit.DAILY_USD)).hasValue(100);
    assertThat(budgets.forUser("carol").orElseThrow().limit(Limit.MONTHLY_USD)).hasValue(500);
    assertThat(budgets.forUser("dave").orElseThrow().limit(Limit.MONTHLY_USD)).as("the default").hasValue(50);
  }

  @Test
  void withoutADefaultAnUnlistedUserHasNoBudgetAndAFileWithoutBudgetsHasNone() {
    Budgets budgets = RuleSet.parse(RULE + "budgets: {users: {bob: {monthlyUsd: 5}}}\n", "test").budgets();

    assertThat(budgets.forUser("dave")).isEmpty();
    assertThat(RuleSet.parse(RULE, "test").budgets().isEmpty()).isTrue();
  }

  @Test
  void everyBudgetProblemIsReportedAtOnceByPathBesideTheRulesOnes() {
    String yaml = """
        rules:
          - {name: Budget, metric: spend.budgetUsed, warning: 80, for: 5m, summary: s}
        budgets:
          default: {montlyUsd: 50}
          plans:
            pro: {monthlyUsd: -1, dailyTokens: 1.5}
            empty: {}
          users:
            alice: {plan: por}
            bob: {}
            carol: [1]
          limits: {}
        """;

    assertThatThrownBy(() -> RuleSet.parse(yaml, "test.yaml")).isInstanceOf(InvalidRulesException.class)
        .satisfies(e -> assertThat(((InvalidRulesException) e).problems()).containsExactlyInAnyOrder(
            "rules[0](Budget).warning: spend.budgetUsed is a share: write 80 % as 0.8 and 100 % as 1",
            "rules[0](Budget).for: a budget alert fires once per period, as soon as the running total crosses; it takes no for",
            "budgets.limits: unknown key",
            "budgets.default.montlyUsd: unknown key (did you mean monthlyUsd?)",
            "budgets.plans.pro.monthlyUsd: must be more than $0; leave it out for no such budget",
            "budgets.plans.pro.dailyTokens: expected a whole number ≥ 0, found a number",
            "budgets.plans.empty: sets no amount; one of dailyUsd, monthlyUsd, dailyTokens, monthlyTokens",
            "budgets.users.alice.plan: unknown plan 'por' (did you mean pro?); plans: pro, empty",
            "budgets.users.bob: sets nothing: name a plan, an amount (dailyUsd, monthlyUsd, dailyTokens, monthlyTokens), or both",
            "budgets.users.carol: expected a mapping, found a list"));
  }

  @Test
  void budgetRulesAreAboutOneUsersBudgetInOnePeriod() {
    assertThatThrownBy(() -> RuleSet.parse("""
        rules:
          - {name: B, metric: spend.budgetUsed, by: [user], comparison: "<", warning: 0.8, minCount: 3, summary: s,
             resolveBelow: 0.5}
        """, "test")).satisfies(e -> assertThat(((InvalidRulesException) e).problems()).containsExactlyInAnyOrder(
        "rules[0](B).comparison: a budget rule fires when a share of the budget is used: comparison >",
        "rules[0](B).by: a budget alert is one user's budget in one period: by [user, period, budget]",
        "rules[0](B).resolveBelow: a budget alert resolves when its period ends, not when usage dips; it takes no"
            + " resolveBelow",
        "rules[0](B).minCount: only request, spend.spike and spend.costPerRequest rules have minCount (the requests,"
            + " or cost events, a window needs to count)"));
    Rule rule = RuleSet.parse(RULE, "test").require("Budget");
    assertThat(rule.by()).containsExactly("user", "period", "budget");
    assertThat(rule.describe()).isEqualTo("Budget  spend.budgetUsed > warning 80 %, critical 100 %  by [user, period,"
        + " budget]  where {}");
  }

  @Test
  void spikeRulesAreByUserOrByServiceReadProvidersOnlyWithProviderInByAndCheckTheirBaseline() {
    assertThatThrownBy(() -> RuleSet.parse("""
        rules:
          - {name: A, metric: spend.spike, by: [user, service], warning: 2, summary: s}
          - {name: B, metric: spend.spike, by: [user], where: {provider: openai, service: x}, warning: 2, summary: s}
          - {name: C, metric: spend.spike, warning: 2, baseline: {granularity: month, windows: 3}, summary: s}
          - {name: D, metric: spend.spike, warning: 2, baseline: {windows: 3, minWindows: 4, size: 1}, summary: s}
          - {name: E, metric: spend.costPerRequest, by: [service, route], warning: 0.1, baseline: {}, summary: s}
        """, "test")).satisfies(e -> assertThat(((InvalidRulesException) e).problems()).containsExactlyInAnyOrder(
        "rules[0](A).by: must include user (user series) or service (service series), not both, e.g. [user] or"
            + " [service, provider]",
        "rules[1](B).where.provider: a rule without provider in by reads the all-providers series (provider *); to"
            + " watch providers, add provider to by",
        "rules[1](B).where.service: a rule by user reads user series, which have no service label",
        "rules[2](C).baseline.granularity: one of minute, hour, day (windows of one length; months are not)",
        "rules[3](D).baseline.size: unknown key",
        "rules[3](D).baseline.minWindows: between 1 and windows (3)",
        "rules[4](E).by[1]: 'route' is not a label of spend.costPerRequest series; known: service",
        "rules[4](E).baseline: only spend.spike rules have a baseline"));

    Rule spike = RuleSet.parse("""
        rules:
          - {name: S, metric: spend.spike, by: [service, provider], warning: 2, baseline: {windows: 4}, summary: s}
        """, "test").require("S");
    assertThat(spike.baseline()).hasValue(new SpikeBaseline("hour", 4, 4));
    assertThat(spike.selects(java.util.Map.of("service", "search", "provider", "openai"))).isTrue();
    assertThat(spike.selects(java.util.Map.of("service", "search", "provider", "*"))).isFalse();
    assertThat(spike.selects(java.util.Map.of("user", "alice", "provider", "openai"))).isFalse();
  }
}

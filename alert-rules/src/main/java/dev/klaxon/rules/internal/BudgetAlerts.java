package dev.klaxon.rules.internal;

import dev.klaxon.rules.Budgets;
import dev.klaxon.rules.Rule;
import dev.klaxon.schemas.Alert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code spend.budgetUsed}: each user day or month window → the share of each budget used → each rule's alert. */
final class BudgetAlerts {

  private final Budgets budgets;
  private final List<BudgetStateMachine> machines;
  private AlertStore alerts;

  BudgetAlerts(Budgets budgets, List<Rule> rules) {
    this.budgets = budgets;
    this.machines = rules.stream().map(BudgetStateMachine::new).toList();
  }

  void init(AlertStore alerts) {
    this.alerts = alerts;
  }

  void onSpend(SpendSample spend, long now, long timestamp) {
    if (machines.isEmpty()) {
      return;
    }
    for (BudgetUsage.Use use : BudgetUsage.of(budgets, spend)) {
      for (BudgetStateMachine machine : machines) {
        Rule rule = machine.rule();
        if (!rule.selects(use.series())) {
          continue;
        }
        String fingerprint = rule.fingerprint(use.series());
        AlertState state = alerts.load(rule, fingerprint, use.series());
        List<Alert> transitions = machine.onUse(fingerprint, state, spend, use.value());
        alerts.save(fingerprint, state, now);
        transitions.forEach(alert -> alerts.emit(fingerprint, alert, timestamp));
      }
    }
  }

  Map<String, StaleAlerts> staleness() {
    Map<String, StaleAlerts> staleness = new LinkedHashMap<>();
    machines.forEach(m -> staleness.put(m.rule().name(), m::onStale));
    return staleness;
  }
}

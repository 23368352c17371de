package dev.klaxon.rules.internal;

/**
 * A record the evaluator reads, decoded: a request or log window ({@link WindowSample}) or a spend
 * window ({@link SpendSample}).
 */
public sealed interface MetricInput permits WindowSample, SpendSample {

  /**
   * The repartition key: the task holding this key's state evaluates the record. Request and log
   * windows, and per-service spend, go by service (so a service's spend meets its request windows for
   * cost per request); per-user spend by {@code user:<id>} (a user's budgets and spend history live
   * together). A service that happens to be named like a user key only shares a partition, not state.
   */
  String partitionKey();
}

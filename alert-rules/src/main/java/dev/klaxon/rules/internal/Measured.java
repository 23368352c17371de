package dev.klaxon.rules.internal;

/**
 * Where a derived closed-window sample (a spend spike, a cost per request) goes: the evaluator's state
 * machine live, or {@link ClosedWindowConditions} for a replay's report.
 */
interface Measured {
  void sample(AlertStateMachine machine, WindowSample window, Sample sample);
}

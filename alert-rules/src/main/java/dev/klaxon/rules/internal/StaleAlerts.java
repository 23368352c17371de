package dev.klaxon.rules.internal;

import dev.klaxon.rules.internal.AlertState.Status;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * How a firing spend alert ends when its series goes quiet. Spend windows exist only where there was
 * spend, so a user who stops spending after a spike, or a service that stops paying for requests,
 * sends no window that could resolve the alert: silence must.
 */
@FunctionalInterface
interface StaleAlerts {

  /** A resolution for {@code state} at wall clock {@code now}, or empty to let it be. */
  Optional<Alert> onStale(String fingerprint, AlertState state, long now);

  /** Resolves alerts not evaluated for two windows of {@code windowSize}: no spend then is no spike. */
  static StaleAlerts afterTwoWindows(Duration windowSize) {
    long quietMs = 2 * windowSize.toMillis();
    return (fingerprint, state, now) -> {
      if (state.status() != Status.FIRING || now - state.updatedAt() < quietMs) {
        return Optional.empty();
      }
      return Optional.of(AlertStateMachine.resolveBecause(fingerprint, state, state.value, now,
          "no spend evaluated for " + Durations.format(Duration.ofMillis(quietMs))));
    };
  }
}

package dev.klaxon.replay;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;

/**
 * One recomputed alert transition and the event time it happened: the end of the closed window that
 * caused it (firing, escalated) or the alert's {@code endsAt} (resolved).
 */
public record AlertTransition(long at, Alert alert) {

  public boolean firing() {
    return alert.getStatus() == AlertStatus.firing;
  }
}

package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;

/** What the core hears back from delivery: the notification log records deliveries, the dead-letter topic takes the rest. */
@FunctionalInterface
public interface DeliveryListener {

  /** Called once per notification delivery gave up on. Must not block for long: it runs on the destination's worker. */
  void deadLettered(DeadLetter letter);

  /** Called when the provider accepted a notification (for the notification log). */
  default void delivered(String receiver, String integration, AlertGroup group) {}
}

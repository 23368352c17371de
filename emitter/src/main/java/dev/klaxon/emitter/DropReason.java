package dev.klaxon.emitter;

/** Why an event was dropped instead of delivered; each reason has its own counter in {@link EmitterStats}. */
public enum DropReason {
  /**
   * The queue held {@code queueCapacity} undelivered events, so the newest one was refused at
   * {@code emit} (drop newest). Never accepted, so never waited for by {@code flush}.
   */
  QUEUE_FULL,
  /**
   * The destination refused the event for good: a gateway {@code 400} (invalid item, logged with
   * the gateway's error list), {@code 401}/{@code 403}/{@code 413} or another non-retriable
   * {@code 4xx}; or a non-retriable Kafka error such as an authorization failure. Not retried.
   */
  REJECTED,
  /** Still not delivered when {@code deliveryTimeout} ran out, retrying all along. */
  TIMED_OUT,
  /** Emitted after {@code close()}, or still undelivered when {@code close}'s timeout ran out. */
  CLOSED,
  /** An unexpected error in the emitter itself; logged with its stack trace. */
  FAILED
}

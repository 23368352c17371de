package dev.klaxon.sink.notify;

/**
 * Counters of the notification path, by receiver and integration type. The core binds them to
 * Micrometer ({@code klaxon_sink_notifications_sent_total{receiver,integration}} and the rest, see
 * {@code dev.klaxon.sink.pipeline.NotifyMetrics}); every method
 * must be cheap and thread-safe. Defaults do nothing, so a binder implements only what it exports.
 */
public interface NotifyStats {

  NotifyStats NONE = new NotifyStats() {};

  /** A notification reached the provider (2xx). */
  default void sent(String receiver, String integration) {}

  /** One attempt failed (network error, timeout, non-2xx), whether or not it is retried. */
  default void failed(String receiver, String integration) {}

  /** A failed attempt is scheduled to be tried again. */
  default void retried(String receiver, String integration) {}

  /** Delivery gave up (permanent error or retry budget spent); the notification went to the dead letter. */
  default void deadLettered(String receiver, String integration) {}

  /** A queued notification was replaced by a newer state of the same group before it was sent. */
  default void coalesced(String receiver, String integration) {}

  /** The rich message could not be rendered (template or rendering error); a plain built-in one was sent. */
  default void renderFallback(String receiver, String integration) {}
}

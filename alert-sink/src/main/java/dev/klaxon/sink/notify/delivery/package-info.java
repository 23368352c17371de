/**
 * The delivery stage, behind one seam of three names:
 * <ul>
 *   <li>{@link dev.klaxon.sink.notify.delivery.Outbox}: what the pipeline hands a group to, for one
 *       entry of its receiver ({@code slack[0]}), and the {@code Outcome} it hears back;</li>
 *   <li>{@link dev.klaxon.sink.notify.delivery.Destinations}: the sink's outbox, one destination per
 *       receiver entry, sharing the retry policy, time, counters and dead-letter writer;</li>
 *   <li>{@link dev.klaxon.sink.notify.delivery.Destination}: one entry's queue and worker, so a slow
 *       destination only delays itself.</li>
 * </ul>
 * Queued states of one group coalesce (latest wins); requests are paced to the provider's published
 * limits by waiting, never by dropping; network errors, timeouts, 5xx, 408 and 429 are retried with
 * full-jitter exponential backoff or the provider's Retry-After
 * ({@link dev.klaxon.sink.notify.delivery.RetryPolicy}); other 4xx and a spent retry budget become a
 * {@link dev.klaxon.sink.notify.delivery.DeadLetter} with the reason, written before the outcome is
 * reported. The rest ({@code Backoff}, {@code Pacer}, {@code CoalescingQueue}) is package-private.
 *
 * <p>Why three and not six: {@code NotificationDelivery} (a builder and a thread pool) and
 * {@code ReceiverOutboxes} (a map by receiver) were only wiring and became {@code Destinations};
 * {@code DestinationOutbox} (turning listener callbacks into outcomes) and {@code DeliveryListener}
 * became part of {@code Destination}, which reports outcomes itself. {@code Outbox} stays an
 * interface so the dispatcher's timing tests can send inline, on the tick that flushed.
 */
package dev.klaxon.sink.notify.delivery;

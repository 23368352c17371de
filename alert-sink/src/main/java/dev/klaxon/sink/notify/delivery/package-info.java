/**
 * The delivery stage: {@link dev.klaxon.sink.notify.delivery.NotificationDelivery} gives each
 * (receiver, notifier) a {@link dev.klaxon.sink.notify.delivery.Destination} with its own queue and
 * worker, so a slow destination only delays itself. Queued states of one group coalesce (latest
 * wins); requests are paced to the provider's published limits by waiting, never by dropping;
 * network errors, timeouts, 5xx, 408 and 429 are retried with full-jitter exponential backoff or the
 * provider's Retry-After; other 4xx and a spent retry budget go to the
 * {@link dev.klaxon.sink.notify.delivery.DeliveryListener} as a dead letter with the reason.
 */
package dev.klaxon.sink.notify.delivery;

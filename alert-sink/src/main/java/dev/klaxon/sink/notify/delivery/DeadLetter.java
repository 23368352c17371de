package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;
import java.time.Instant;

/**
 * A notification delivery gave up on, for {@code klaxon.deadletter} (keyed by the group key).
 *
 * @param integration the receiver's entry, e.g. {@code slack[0]}
 * @param reason why, without secrets, e.g. {@code slack: HTTP 404: channel_not_found}
 * @param permanent true when the provider refused it (4xx), false when the retry budget ran out
 */
public record DeadLetter(String receiver, String integration, AlertGroup group, String reason, boolean permanent, int attempts, Instant at) {}

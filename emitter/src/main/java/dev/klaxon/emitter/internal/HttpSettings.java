package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.BodyFormat;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the HTTP transport talks to the gateway.
 *
 * @param endpoint the full {@code POST /v1/events} URL
 * @param apiKey sent as {@code Authorization: Bearer}; empty for a gateway in demo mode
 * @param format body layout
 * @param requestTimeout longest wait for one response
 * @param deliveryTimeout how long one batch is retried before it is dropped as timed out
 * @param initialBackoff first retry delay, doubled per attempt (with jitter) up to {@code maxBackoff}
 * @param maxBackoff longest computed retry delay; a longer {@code Retry-After} is still honoured
 */
public record HttpSettings(URI endpoint, Optional<ApiKey> apiKey, BodyFormat format,
    Duration requestTimeout, Duration deliveryTimeout, Duration initialBackoff, Duration maxBackoff) {}

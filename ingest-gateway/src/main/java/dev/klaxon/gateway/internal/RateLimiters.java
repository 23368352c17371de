package dev.klaxon.gateway.internal;

import dev.klaxon.gateway.GatewayConfig;

/** Makes one {@link TokenBucket} per API key from the configured limit, or none when unlimited. */
record RateLimiters(GatewayConfig.RateLimit limit) {

  TokenBucket newBucket() {
    return limit.enabled() ? new TokenBucket(limit.eventsPerSecond(), limit.bucketSize(), System::nanoTime) : null;
  }
}

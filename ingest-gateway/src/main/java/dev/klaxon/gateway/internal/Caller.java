package dev.klaxon.gateway.internal;

import java.util.Set;

/**
 * Who sent a request: the name of their API key (never the key) and what it may do.
 *
 * @param name the key's name, or {@code anonymous} in demo mode
 * @param services services it may send events for; empty: any
 * @param bucket its rate limit, or null when unlimited
 */
record Caller(String name, Set<String> services, TokenBucket bucket) {

  boolean allows(String service) {
    return services.isEmpty() || services.contains(service);
  }
}

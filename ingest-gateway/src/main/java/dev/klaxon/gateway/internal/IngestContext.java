package dev.klaxon.gateway.internal;

import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.schemas.json.EventJsonParser;

/** What every {@link IngestExchange} shares: built once at start. */
record IngestContext(GatewayConfig config, ApiKeyAuthenticator authenticator, EventJsonParser parser,
    KafkaReadiness readiness, EventPublisher publisher, GatewayMetrics metrics) {

  static final String EVENTS_PATH = "/v1/events";
}

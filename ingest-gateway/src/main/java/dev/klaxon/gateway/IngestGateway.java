package dev.klaxon.gateway;

import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.gateway.internal.GatewayServer;
import dev.klaxon.runtime.RunningService;
import java.net.URI;

/**
 * The ingest gateway (design §9): {@code POST /v1/events} into Klaxon's input topics, plus
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}. Embed it:
 *
 * <pre>{@code
 * try (IngestGateway gateway = IngestGateway.start(GatewayConfig.demo(kafka.bootstrapServers()))) {
 *   URI events = gateway.eventsUri();   // http://localhost:<port>/v1/events
 *   ...
 * }
 * }</pre>
 *
 * or run it with {@code klaxon run gateway}.
 */
public final class IngestGateway implements RunningService {

  private final GatewayConfig config;
  private final GatewayServer server;

  private IngestGateway(GatewayConfig config, GatewayServer server) {
    this.config = config;
    this.server = server;
  }

  /**
   * Starts the gateway; returns once it listens and has probed Kafka once (it answers 503 to events
   * until Kafka is reachable).
   *
   * @throws ConfigException when the Kafka properties are invalid
   * @throws IllegalStateException when the port cannot be bound
   */
  public static IngestGateway start(GatewayConfig config) {
    return new IngestGateway(config, GatewayServer.start(config));
  }

  /** The bound port: the configured one, or the one picked for {@code http.port: 0}. */
  public int port() {
    return server.port();
  }

  /** {@code http://<host>:<port>/v1/events}, with {@code localhost} for a wildcard bind address. */
  public URI eventsUri() {
    String host = config.http().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    }
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/v1/events");
  }

  /** Kafka reachable and not shutting down: what {@code /health/ready} answers. */
  public boolean isReady() {
    return server.isReady();
  }

  /** The Prometheus text {@code /metrics} serves. */
  public String scrapeMetrics() {
    return server.scrape();
  }

  public GatewayConfig config() {
    return config;
  }

  @Override
  public String describe() {
    return "POST " + eventsUri() + " (and /metrics, /health on the same port); writes "
        + String.join(", ", config.topics().inputs()) + " on " + config.kafka().get("bootstrap.servers") + "; "
        + (config.auth().demoMode() ? "demo mode: no API keys" : config.auth().keys().size() + " API keys");
  }

  /** Graceful shutdown: stop accepting, finish in-flight requests, flush and close the producer. Idempotent. */
  @Override
  public void close() {
    server.close();
  }
}

package dev.klaxon.gateway.internal;

import dev.klaxon.gateway.GatewayConfig;
import dev.klaxon.gateway.GatewayConfig.ApiKey;
import dev.klaxon.schemas.json.EventJsonParser;
import dev.klaxon.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles and runs the gateway: Jetty, the producer, the readiness probe and the meters. */
public final class GatewayServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final GatewayConfig config;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private PrometheusMeterRegistry registry;
  private KafkaProducer<String, byte[]> producer;
  private KafkaReadiness readiness;
  private Server server;
  private ServerConnector connector;

  private GatewayServer(GatewayConfig config) {
    this.config = config;
  }

  /** Starts listening; returns once the port is bound and Kafka has been probed once. */
  public static GatewayServer start(GatewayConfig config) {
    GatewayServer gateway = new GatewayServer(config);
    try {
      gateway.startComponents();
      return gateway;
    } catch (RuntimeException e) {
      gateway.close();
      throw e;
    }
  }

  private void startComponents() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    resources.add(registry::close);
    producer = KafkaClients.producer(config);
    resources.add(() -> producer.close(config.http().shutdownTimeout()));
    KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(registry);
    resources.add(producerMetrics);
    Admin admin = KafkaClients.admin(config);
    resources.add(admin);
    readiness = new KafkaReadiness(admin, config.readiness().interval(), config.readiness().timeout());
    resources.add(readiness);
    GatewayMetrics metrics = new GatewayMetrics(registry, readiness::kafkaReachable);
    AvroSerdes serdes = AvroSerdes.forRegistryUrl(Optional.of(config.schemaRegistryUrl()));
    RateLimiters limiters = new RateLimiters(config.rateLimit());
    ApiKeyAuthenticator authenticator = ApiKeyAuthenticator.of(config.auth(), limiters);
    IngestContext context = new IngestContext(config, authenticator,
        new EventJsonParser(config.events().limits(), Clock.systemUTC()), readiness,
        new EventPublisher(producer, config.topics(), serdes, metrics), metrics);
    readiness.start();
    startJetty(new GatewayHandler(context, registry));
    logStart(authenticator.demoMode());
  }

  private void startJetty(GatewayHandler handler) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("klaxon-gateway-http");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.http().host());
    connector.setPort(config.http().port());
    connector.setIdleTimeout(config.http().idleTimeout().toMillis());
    server.addConnector(connector);
    // Tracks in-flight requests so stop() waits for them (answering 503 to new ones meanwhile).
    GracefulHandler graceful = new GracefulHandler(handler);
    server.setHandler(graceful);
    Gauge.builder("klaxon.gateway.http.in.flight", graceful, GracefulHandler::getCurrentRequestCount)
        .description("Requests being handled, including those waiting for Kafka's acknowledgement")
        .register(registry);
    server.setStopTimeout(config.http().shutdownTimeout().toMillis());
    server.setStopAtShutdown(false);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the HTTP server on " + config.http().host() + ":"
          + config.http().port() + ": " + e.getMessage(), e);
    }
  }

  private void logStart(boolean demoMode) {
    log.info("ingest gateway listening on http://{}:{}/v1/events; Kafka {}; topics {}*; {}; Kafka {}",
        config.http().host(), port(), config.kafka().get("bootstrap.servers"), config.topicPrefix(),
        demoMode ? "no API keys"
            : config.auth().keys().size() + " API keys (" + config.auth().keys().stream().map(ApiKey::name)
                .collect(Collectors.joining(", ")) + ")",
        readiness.kafkaReachable() ? "reachable" : "NOT reachable yet: answering 503 until it is");
    if (demoMode) {
      log.warn("DEMO MODE: the ingest gateway on port {} accepts events from ANYONE, without an API key. "
          + "Configure auth.keys or {} before exposing it.", port(), GatewayConfig.KEYS_ENV);
    }
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** What {@code /health/ready} says: Kafka reachable and not shutting down. */
  public boolean isReady() {
    return readiness.isReady();
  }

  /** The Prometheus text of {@code /metrics}. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * Graceful: not ready at once, stops accepting connections, lets in-flight requests finish (they
   * wait for their acknowledgements) up to the shutdown timeout, then flushes and closes the producer.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long startNanos = System.nanoTime();
    if (readiness != null) {
      readiness.markStopping();
    }
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        log.warn("HTTP server did not stop cleanly", e);
      }
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("failed to close {}", resources.get(i), e);
      }
    }
    log.info("ingest gateway stopped in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
  }
}

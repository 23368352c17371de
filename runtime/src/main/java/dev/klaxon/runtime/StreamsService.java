package dev.klaxon.runtime;

import dev.klaxon.schemas.registry.SchemaRegistryException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Klaxon Kafka Streams role shares (the processor, the rules evaluator, the cost
 * aggregator): exactly-once settings, {@code /metrics} with Kafka Streams' own metrics and the
 * topology's counters, {@code /health/live} and {@code /health/ready}, one policy for a failed stream
 * thread, and a close that commits and leaves the group.
 */
public final class StreamsService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StreamsService.class);
  private static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics streamsMetrics;
  private final OpsServer http;

  private StreamsService(KafkaStreams streams, PrometheusMeterRegistry registry, KafkaStreamsMetrics streamsMetrics,
      OpsServer http) {
    this.streams = streams;
    this.registry = registry;
    this.streamsMetrics = streamsMetrics;
    this.http = http;
  }

  /** An application id names the app's internal topics and state directories: letters, digits, '.', '_', '-'. */
  public static boolean isValidApplicationId(String applicationId) {
    return applicationId != null && applicationId.matches("[a-zA-Z0-9._-]+");
  }

  /** The checks every Streams role's settings share. @throws IllegalArgumentException naming the setting */
  public static void requireSettings(String bootstrapServers, String applicationId) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must be set");
    }
    if (!isValidApplicationId(applicationId)) {
      throw new IllegalArgumentException("applicationId may hold only letters, digits, '.', '_' and '-': " + applicationId);
    }
  }

  /**
   * The settings every Klaxon Streams app starts from; a role adds its own, then the user's Kafka
   * properties last, so {@code -X} can override any of them.
   */
  public static Properties exactlyOnceConfig(String applicationId, String bootstrapServers, Duration commitInterval,
      Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Streams keeps a closing member in its group until the session times out (45 s) unless it is a
    // static member; a restarted instance would wait that long before processing. Leave on close
    // instead. Deployments with static membership (group.instance.id) can set it back with -X.
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
    return props;
  }

  /**
   * Starts the app; returns once it is started (not necessarily caught up).
   *
   * @param role names the service in log lines, e.g. {@code processor}
   * @param topology given the registry {@code /metrics} serves, for the topology's own counters
   * @param httpPort port of {@code /metrics} and {@code /health/*}; 0 picks a free one, -1 turns it off
   */
  public static StreamsService start(String role, Function<MeterRegistry, Topology> topology, Properties config,
      int httpPort) {
    return start(role, topology, config, httpPort, null);
  }

  /**
   * As {@link #start(String, Function, Properties, int)}, with routes served from the app's state
   * stores beside {@code /metrics}.
   *
   * @param queries null for none; else {@code httpPort} must not be -1: the bound port becomes the
   *     instance's {@code application.server} (unless the Kafka properties set one: a port mapped
   *     elsewhere)
   */
  public static StreamsService start(String role, Function<MeterRegistry, Topology> topology, Properties config,
      int httpPort, QueryRoutes queries) {
    if (queries != null && httpPort < 0) {
      throw new IllegalArgumentException(role + ": state queries need the HTTP port, which is off (-1)");
    }
    OpsServer http = httpPort >= 0 ? OpsServer.bind(httpPort) : null;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KafkaStreamsMetrics streamsMetrics = null;
    try {
      Properties props = new Properties();
      props.putAll(config);
      HostInfo self = null;
      if (queries != null) {
        props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, queries.advertisedHost() + ":" + http.port());
        self = HostInfo.buildFromEndpoint(props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
      }
      KafkaStreams streams = new KafkaStreams(topology.apply(registry), props);
      streams.setUncaughtExceptionHandler(error -> onStreamThreadFailure(role, error));
      streamsMetrics = new KafkaStreamsMetrics(streams);
      streamsMetrics.bindTo(registry);
      if (http != null) {
        http.serve(registry::scrape, () -> streams.state().isRunningOrRebalancing(),
            () -> streams.state() == KafkaStreams.State.RUNNING,
            queries == null ? Map.of() : queries.routes().apply(streams, self));
      }
      streams.start();
      return new StreamsService(streams, registry, streamsMetrics, http);
    } catch (RuntimeException e) {
      if (http != null) {
        http.close();
      }
      if (streamsMetrics != null) {
        streamsMetrics.close();
      }
      registry.close();
      throw e;
    }
  }

  /**
   * A registry that cannot be reached is an outage, not bad data: replace the thread, which resumes
   * from the last commit. Anything else stops the app rather than skip records.
   */
  private static StreamThreadExceptionResponse onStreamThreadFailure(String role, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchemaRegistryException registry && registry.isRetriable()) {
        log.warn("{}: schema registry unavailable ({}); restarting the stream thread", role, registry.getMessage());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
    }
    log.error("{}: stream thread failed; shutting down", role, error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  public KafkaStreams streams() {
    return streams;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Port of /metrics and /health, or -1 when off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  /** What {@code /metrics} serves. */
  public String scrape() {
    return registry.scrape();
  }

  /** Stops: commits what was processed and leaves the group. */
  @Override
  public void close() {
    streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
    if (http != null) {
      http.close();
    }
    streamsMetrics.close();
    registry.close();
  }
}

package dev.klaxon.processor;

import dev.klaxon.runtime.OpsServer;
import dev.klaxon.runtime.RunningService;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import dev.klaxon.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream-processor service: request and log metrics in one Kafka Streams app, exactly-once,
 * with {@code /metrics} (Prometheus text) and {@code /health/live}, {@code /health/ready}.
 */
public final class MetricsProcessor implements RunningService {

  private static final Logger log = LoggerFactory.getLogger(MetricsProcessor.class);
  private static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics streamsMetrics;
  private final OpsServer http;
  private final MetricsConfig config;
  private final ProcessorSettings settings;

  private MetricsProcessor(KafkaStreams streams, PrometheusMeterRegistry registry, KafkaStreamsMetrics streamsMetrics,
      OpsServer http, MetricsConfig config, ProcessorSettings settings) {
    this.config = config;
    this.settings = settings;
    this.streams = streams;
    this.registry = registry;
    this.streamsMetrics = streamsMetrics;
    this.http = http;
  }

  /** Both metrics pipelines in one topology. */
  public static Topology topology(MetricsConfig config, AvroSerdes serdes) {
    return LogMetricsTopology.addTo(RequestMetricsTopology.build(config, serdes), config, serdes);
  }

  public static Properties streamsConfig(ProcessorSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.threads()));
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    // Our window store caches objects itself; Streams' byte cache would only add copies.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    // Streams keeps a closing member in its group until the session times out (45 s) unless it is a
    // static member; a restarted instance would wait that long before processing. Leave on close
    // instead. Deployments with static membership (group.instance.id) can set it back with -X.
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
    props.putAll(settings.kafka());
    return props;
  }

  /** Starts processing; returns once the app is started (not necessarily caught up). */
  public static MetricsProcessor start(MetricsConfig config, ProcessorSettings settings) {
    KafkaStreams streams = new KafkaStreams(topology(config, AvroSerdes.forRegistryUrl(settings.schemaRegistryUrl())),
        streamsConfig(settings));
    streams.setUncaughtExceptionHandler(MetricsProcessor::onStreamThreadFailure);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    OpsServer http = null;
    if (settings.httpPort() >= 0) {
      try {
        http = OpsServer.start(settings.httpPort(), registry::scrape,
            () -> streams.state().isRunningOrRebalancing(),
            () -> streams.state() == KafkaStreams.State.RUNNING);
      } catch (RuntimeException e) {
        streamsMetrics.close();
        throw e;
      }
    }
    streams.start();
    return new MetricsProcessor(streams, registry, streamsMetrics, http, config, settings);
  }

  /**
   * A registry that cannot be reached is an outage, not bad data: replace the thread, which resumes
   * from the last commit. Anything else stops the processor rather than skip records.
   */
  private static StreamThreadExceptionResponse onStreamThreadFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchemaRegistryException registry && registry.isRetriable()) {
        log.warn("schema registry unavailable ({}); restarting the stream thread", registry.getMessage());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
    }
    log.error("stream thread failed; shutting the processor down", error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** Port of /metrics and /health, or -1 when off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public String describe() {
    Topics topics = config.topics();
    return "application " + settings.applicationId() + " on " + settings.bootstrapServers() + "; reads "
        + topics.requests() + ", " + topics.logs() + "; writes " + topics.requestMetrics() + ", " + topics.logMetrics()
        + ", " + topics.openRequestMetrics() + ", " + topics.openLogMetrics() + ", " + topics.deadLetter() + "; windows " + config.windowSizes().stream().map(Durations::format)
        .collect(Collectors.joining(", ")) + ", grace " + Durations.format(config.grace())
        + (http == null ? "; no HTTP endpoint" : "; /metrics and /health on port " + http.port());
  }

  /** Stops processing: commits what was processed and leaves the group. */
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

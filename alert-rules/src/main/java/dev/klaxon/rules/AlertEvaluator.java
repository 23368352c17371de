package dev.klaxon.rules;

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
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code rules} role: {@link AlertEvaluatorTopology} as a Kafka Streams app, exactly-once (a
 * transition and the state change behind it commit together), with {@code /metrics} (Prometheus text)
 * and {@code /health/live}, {@code /health/ready}: Kafka Streams' metrics and {@link EvaluatorMetrics}.
 */
public final class AlertEvaluator implements RunningService {

  private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
  private static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics streamsMetrics;
  private final OpsServer http;
  private final RuleSet rules;
  private final String rulesSource;
  private final EvaluatorConfig config;
  private final EvaluatorSettings settings;

  private AlertEvaluator(KafkaStreams streams, PrometheusMeterRegistry registry, KafkaStreamsMetrics streamsMetrics,
      OpsServer http, RuleSet rules, String rulesSource, EvaluatorConfig config, EvaluatorSettings settings) {
    this.streams = streams;
    this.registry = registry;
    this.streamsMetrics = streamsMetrics;
    this.http = http;
    this.rules = rules;
    this.rulesSource = rulesSource;
    this.config = config;
    this.settings = settings;
  }

  public static Properties streamsConfig(EvaluatorSettings settings) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(settings.commitInterval().toMillis()));
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
    // As the processor: leave the group on close so a restarted instance does not wait out the session.
    props.put(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), "true");
    props.putAll(settings.kafka());
    return props;
  }

  /**
   * Starts evaluating; returns once the app is started (not necessarily caught up).
   *
   * @param rulesSource names the rules in {@link #describe()}, e.g. the file
   */
  public static AlertEvaluator start(RuleSet rules, String rulesSource, EvaluatorConfig config,
      EvaluatorSettings settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KafkaStreams streams = new KafkaStreams(AlertEvaluatorTopology.build(rules, config,
        AvroSerdes.forRegistryUrl(settings.schemaRegistryUrl()), new EvaluatorMetrics(registry)),
        streamsConfig(settings));
    streams.setUncaughtExceptionHandler(AlertEvaluator::onStreamThreadFailure);
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
    return new AlertEvaluator(streams, registry, streamsMetrics, http, rules, rulesSource, config, settings);
  }

  /** A registry outage replaces the thread (it resumes from the last commit); anything else stops the evaluator. */
  private static StreamThreadExceptionResponse onStreamThreadFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchemaRegistryException registry && registry.isRetriable()) {
        log.warn("schema registry unavailable ({}); restarting the stream thread", registry.getMessage());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      }
    }
    log.error("stream thread failed; shutting the rules evaluator down", error);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Port of /metrics and /health, or -1 when off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public String describe() {
    Topics topics = config.topics();
    return "application " + settings.applicationId() + " on " + settings.bootstrapServers() + "; "
        + rules.rules().size() + " rules from " + rulesSource + "; reads "
        + String.join(", ", AlertEvaluatorTopology.inputs(topics)) + " (" + Durations.format(config.windowSize())
        + " windows); writes " + topics.alerts() + ", " + topics.deadLetter()
        + (http == null ? "; no HTTP endpoint" : "; /metrics and /health on port " + http.port());
  }

  /** Stops evaluating: commits what was processed and leaves the group. */
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

package dev.klaxon.rules;

import dev.klaxon.runtime.RunningService;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The {@code rules} role: {@link AlertEvaluatorTopology} as a Kafka Streams app, exactly-once (a
 * transition and the state change behind it commit together), with {@code /metrics} (Prometheus text)
 * and {@code /health/live}, {@code /health/ready}: Kafka Streams' metrics and {@link EvaluatorMetrics}.
 */
public final class AlertEvaluator implements RunningService {

  private final StreamsService app;
  private final RuleSet rules;
  private final String rulesSource;
  private final EvaluatorConfig config;
  private final EvaluatorSettings settings;

  private AlertEvaluator(StreamsService app, RuleSet rules, String rulesSource, EvaluatorConfig config,
      EvaluatorSettings settings) {
    this.app = app;
    this.rules = rules;
    this.rulesSource = rulesSource;
    this.config = config;
    this.settings = settings;
  }

  public static Properties streamsConfig(EvaluatorSettings settings) {
    Properties props = StreamsService.exactlyOnceConfig(settings.applicationId(), settings.bootstrapServers(),
        settings.commitInterval(), settings.stateDir());
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
    StreamsService app = StreamsService.start("rules", registry -> AlertEvaluatorTopology.build(rules, config,
        AvroSerdes.forRegistryUrl(settings.schemaRegistryUrl()), new EvaluatorMetrics(registry)),
        streamsConfig(settings), settings.httpPort());
    return new AlertEvaluator(app, rules, rulesSource, config, settings);
  }

  public KafkaStreams.State state() {
    return app.state();
  }

  /** Port of /metrics and /health, or -1 when off. */
  public int httpPort() {
    return app.httpPort();
  }

  @Override
  public String describe() {
    Topics topics = config.topics();
    return "application " + settings.applicationId() + " on " + settings.bootstrapServers() + "; "
        + rules.rules().size() + " rules from " + rulesSource + "; reads "
        + String.join(", ", AlertEvaluatorTopology.inputs(topics)) + " (" + Durations.format(config.windowSize())
        + " windows); writes " + topics.alerts() + ", " + topics.deadLetter()
        + (app.httpPort() < 0 ? "; no HTTP endpoint" : "; /metrics and /health on port " + app.httpPort());
  }

  /** Stops evaluating: commits what was processed and leaves the group. */
  @Override
  public void close() {
    app.close();
  }
}

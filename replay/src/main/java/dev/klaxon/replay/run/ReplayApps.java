package dev.klaxon.replay.run;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.cost.SpendTopology;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.LogMetricsTopology;
import dev.klaxon.processor.RequestMetricsTopology;
import dev.klaxon.replay.LiveSettings;
import dev.klaxon.replay.ReplayRange;
import dev.klaxon.rules.AlertEvaluatorTopology;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.Metric;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The live topologies, unchanged, configured for a replay: request, log and spend metrics in one app,
 * the alert evaluator in a second one started after the first has finished. Exactly-once as live, so a
 * record's outputs and its offset commit become visible together: "committed offsets reached the end"
 * then means "all outputs are written".
 */
public final class ReplayApps {

  /**
   * Windows of the range close by the end markers' event time, never by the wall clock: with the
   * idle close this long, a machine that stalls mid-replay cannot close a window before its events.
   */
  static final Duration NO_IDLE_CLOSE = Duration.ofDays(1);
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  private final ReplayTopics topics;
  private final ReplayRange range;
  private final LiveSettings live;
  private final AvroSerdes serdes;
  private final Map<String, String> clientProperties;
  private final Path stateDir;
  private final int costPartitions;

  /** @param costPartitions partitions of the replay's costs topic: each holds spend windows back until its marker */
  public ReplayApps(ReplayTopics topics, ReplayRange range, LiveSettings live, AvroSerdes serdes,
      Map<String, String> clientProperties, Path stateDir, int costPartitions) {
    this.topics = topics;
    this.range = range;
    this.live = live;
    this.serdes = serdes;
    this.clientProperties = clientProperties;
    this.stateDir = stateDir;
    this.costPartitions = costPartitions;
  }

  /** Request, log and spend metrics of the replay's inputs, into the replay's metric topics. */
  public StreamsService startMetrics() {
    Topics replay = topics.replay();
    MetricsConfig metrics = new MetricsConfig(replay, List.of(range.window()), range.grace(), NO_IDLE_CLOSE,
        MetricsConfig.DEFAULT_PUNCTUATE_INTERVAL, live.eventLimits());
    SpendConfig spend = new SpendConfig(replay, live.spendGranularities(), live.spendGrace(), live.eventLimits(),
        NO_IDLE_CLOSE, SpendConfig.DEFAULT_PUNCTUATE_INTERVAL, SpendConfig.Stores.PERSISTENT, costPartitions);
    Properties props = config(topics.metricsApplicationId(), "metrics");
    // As the live processor: its window store caches objects itself.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    return StreamsService.start("replay metrics",
        registry -> metricsTopology(metrics, spend), props, -1);
  }

  /** The live request and log metrics (Processor API) and spend (DSL, for its repartition topics) in one app. */
  private Topology metricsTopology(MetricsConfig metrics, SpendConfig spend) {
    StreamsBuilder builder = new StreamsBuilder();
    SpendTopology.addTo(builder, spend, serdes);
    Topology topology = builder.build();
    RequestMetricsTopology.addTo(topology, metrics, serdes);
    return LogMetricsTopology.addTo(topology, metrics, serdes);
  }

  /**
   * The evaluator over the replay's closed windows. Absent rules are left out: they measure silence
   * by the wall clock, which says nothing about the past.
   */
  public StreamsService startRules(RuleSet rules) {
    RuleSet replayable = replayable(rules);
    EvaluatorConfig config = EvaluatorConfig.defaults(topics.replay()).withWindowSize(range.window());
    Topology topology = AlertEvaluatorTopology.build(replayable, config, serdes);
    return StreamsService.start("replay rules", registry -> topology, config(topics.rulesApplicationId(), "rules"), -1);
  }

  /** The rules a replay can evaluate: all but the absent ones, which measure silence by the wall clock. */
  public static RuleSet replayable(RuleSet rules) {
    return new RuleSet(rules.rules().stream().filter(rule -> rule.metric().source() != Metric.Source.ABSENCE).toList());
  }

  /** The evaluator's own repartition topic, which its completion also waits for. */
  public String rulesRepartitionTopic() {
    return topics.rulesApplicationId() + "-" + AlertEvaluatorTopology.REPARTITION_NAME + "-repartition";
  }

  private Properties config(String applicationId, String role) {
    Properties props = StreamsService.exactlyOnceConfig(applicationId, clientProperties.get("bootstrap.servers"),
        COMMIT_INTERVAL, stateDir.resolve(role));
    clientProperties.forEach(props::putIfAbsent);
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    return props;
  }
}

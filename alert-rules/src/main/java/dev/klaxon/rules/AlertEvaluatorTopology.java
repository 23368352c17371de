package dev.klaxon.rules;

import dev.klaxon.rules.internal.AlertStateSerde;
import dev.klaxon.rules.internal.EvaluationProcessor;
import dev.klaxon.rules.internal.JsonSerde;
import dev.klaxon.rules.internal.RequestPair;
import dev.klaxon.rules.internal.SpendHistory;
import dev.klaxon.rules.internal.MetricRecord;
import dev.klaxon.rules.internal.ServiceKeying;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Metric windows → alert transitions (design §6 fast detection, §7 rules).
 *
 * <pre>
 * klaxon.metrics.requests, .logs, .spend (closed) ─┐
 * klaxon.metrics.requests.open, .logs.open, .spend.open ┴→ key by service (or user) → repartition
 *     → evaluate → klaxon.alerts
 *   └→ klaxon.deadletter (not a window)
 * </pre>
 *
 * Each window is evaluated by every rule that selects its series; alert state per fingerprint lives in
 * the {@value EvaluationProcessor#ALERT_STATE_STORE} store, services' last windows in
 * {@value EvaluationProcessor#LAST_SEEN_STORE}, spend series' recent windows (spike baselines) in
 * {@value EvaluationProcessor#SPEND_HISTORY_STORE}, a service's minute waiting for both its spend and
 * its requests (cost per request) in {@value EvaluationProcessor#COST_PER_REQUEST_STORE}. A user's spend
 * is keyed by {@code user:<id>}, so that user's budgets and history live on one task; a service's spend
 * by service, beside its request windows. Only transitions are written, keyed by fingerprint; with
 * {@code exactly_once_v2} a state change and its transition commit together.
 */
public final class AlertEvaluatorTopology {

  /** Name of the repartition step; its topic is {@code <applicationId>-metrics-by-service-repartition}. */
  public static final String REPARTITION_NAME = "metrics-by-service";
  public static final String ALERT_STATE_STORE = EvaluationProcessor.ALERT_STATE_STORE;
  public static final String LAST_SEEN_STORE = EvaluationProcessor.LAST_SEEN_STORE;
  public static final String SPEND_HISTORY_STORE = EvaluationProcessor.SPEND_HISTORY_STORE;
  public static final String COST_PER_REQUEST_STORE = EvaluationProcessor.COST_PER_REQUEST_STORE;

  private AlertEvaluatorTopology() {}

  public static Topology build(RuleSet rules, EvaluatorConfig config) {
    return build(rules, config, AvroSerdes.embedded());
  }

  public static Topology build(RuleSet rules, EvaluatorConfig config, AvroSerdes serdes) {
    return build(rules, config, serdes, EvaluatorMetrics.none());
  }

  /** @param metrics counts transitions, windows and dead letters (the rules role's {@code /metrics}) */
  public static Topology build(RuleSet rules, EvaluatorConfig config, AvroSerdes serdes, EvaluatorMetrics metrics) {
    Topics topics = config.topics();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERT_STATE_STORE),
        Serdes.String(), new AlertStateSerde()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_SEEN_STORE),
        Serdes.String(), Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPEND_HISTORY_STORE),
        Serdes.String(), new JsonSerde<>(SpendHistory.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COST_PER_REQUEST_STORE),
        Serdes.String(), new JsonSerde<>(RequestPair.class)));

    Map<String, MetricRecord.Kind> kinds = MetricRecord.Kind.byTopic(topics);
    Map<String, KStream<String, byte[]>> keyed = builder
        .stream(inputs(topics), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("metrics-source"))
        .process(() -> new ServiceKeying(kinds, new MetricRecord.Decoder(serdes, topics), metrics), Named.as("key-by-service"))
        .split(Named.as("metrics-"))
        .branch((service, value) -> ServiceKeying.isDeadLetter(value), Branched.as("deadletter"))
        .defaultBranch(Branched.as("windows"));

    keyed.get("metrics-deadletter")
        .mapValues(value -> Arrays.copyOfRange(value, 1, value.length), Named.as("unmark-deadletter"))
        .to(topics.deadLetter(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("deadletter-sink"));
    keyed.get("metrics-windows")
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(REPARTITION_NAME))
        .process(() -> new EvaluationProcessor(rules, config, new MetricRecord.Decoder(serdes, topics), metrics),
            Named.as("evaluate"), ALERT_STATE_STORE, LAST_SEEN_STORE, SPEND_HISTORY_STORE, COST_PER_REQUEST_STORE)
        .to(topics.alerts(), Produced.with(Serdes.String(), serdes.forValues(Alert.class)).withName("alerts-sink"));
    return builder.build();
  }

  /** The topics the evaluator reads. */
  public static List<String> inputs(Topics topics) {
    return List.of(topics.requestMetrics(), topics.logMetrics(), topics.openRequestMetrics(), topics.openLogMetrics(),
        topics.spendMetrics(), topics.openSpendMetrics());
  }
}

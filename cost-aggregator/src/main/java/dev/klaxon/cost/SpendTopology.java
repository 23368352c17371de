package dev.klaxon.cost;

import dev.klaxon.cost.internal.CostDecodingProcessor;
import dev.klaxon.cost.internal.SpendWindowProcessor;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.validation.EventRules;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code klaxon.costs} → spend per (user, provider) and per user across providers (provider
 * {@code *}), per UTC minute, hour, day and calendar month → {@code klaxon.metrics.spend}, one
 * {@link SpendWindow} per series and window when the window closes (event time reaches its end
 * plus the grace).
 *
 * <p>Output key: {@code userId|provider|<windowStart>/<granularity>}, the start as an ISO-8601 UTC
 * instant, e.g. {@code alice|openai|2027-02-01T00:00:00Z/month} or {@code alice|*|2027-02-01T10:05:00Z/minute}.
 *
 * <p>Money is exact: {@code costUsd} is read as a {@link java.math.BigDecimal} of scale 9 and summed
 * as such; no amount passes through {@code double}. Records that do not decode, or break the event
 * rules (negative cost, cost above the per-event maximum, more than 9 decimals, missing user...),
 * go to {@code klaxon.deadletter} with the {@link dev.klaxon.schemas.DeadLetterHeaders} and are not summed.
 */
public final class SpendTopology {

  static final String SOURCE = "spend-source";
  static final String DECODE = "spend-decode";
  static final String WINDOWS = "spend-windows";
  static final String SINK = "spend-sink";
  static final String DEAD_LETTER_SINK = "spend-deadletter-sink";
  /** Open windows, keyed like the output records. */
  public static final String WINDOW_STORE = "spend-window-store";
  /** The task's stream time (highest event time seen), so closed windows stay closed after a restart. */
  public static final String STREAM_TIME_STORE = "spend-stream-time-store";

  private SpendTopology() {}

  public static Topology build(SpendConfig config) {
    return build(config, AvroSerdes.embedded());
  }

  public static Topology build(SpendConfig config, AvroSerdes serdes) {
    return addTo(new Topology(), config, serdes);
  }

  /** Adds the pipeline to a topology that may hold others, so one Streams app can run them all. */
  public static Topology addTo(Topology topology, SpendConfig config, AvroSerdes serdes) {
    AvroSerde<CostEvent> events = serdes.forValues(CostEvent.class);
    AvroSerde<SpendWindow> windows = serdes.forValues(SpendWindow.class);
    String input = config.topics().costs();
    EventRules rules = EventRules.of(config.eventLimits());
    topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), input)
        .addProcessor(DECODE, () -> new CostDecodingProcessor(events, input, rules, WINDOWS, DEAD_LETTER_SINK),
            SOURCE)
        .addProcessor(WINDOWS, () -> new SpendWindowProcessor(config, WINDOW_STORE, STREAM_TIME_STORE, SINK), DECODE)
        // Open windows hold the SpendWindow itself (Avro, the embedded single-object encoding, so the
        // store never depends on the registry): its costUsd is the exact running decimal.
        .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
            Serdes.String(), AvroSerde.embedded(SpendWindow.class)), WINDOWS)
        .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STREAM_TIME_STORE),
            Serdes.String(), Serdes.Long()), WINDOWS)
        .addSink(SINK, config.topics().spendMetrics(), new StringSerializer(), windows.serializer(), WINDOWS)
        .addSink(DEAD_LETTER_SINK, config.topics().deadLetter(), new ByteArraySerializer(),
            new ByteArraySerializer(), DECODE);
    return topology;
  }
}

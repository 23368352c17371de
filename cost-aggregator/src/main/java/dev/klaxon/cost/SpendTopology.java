package dev.klaxon.cost;

import dev.klaxon.cost.internal.SourcePartitionStamp;
import dev.klaxon.cost.internal.SpendPartitioner;
import dev.klaxon.cost.internal.SpendSeries;
import dev.klaxon.cost.internal.SpendWindowProcessor;
import dev.klaxon.cost.internal.SpendWindowStore;
import dev.klaxon.cost.internal.ValidCost;
import dev.klaxon.runtime.streams.DecodingProcessor;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.schemas.validation.EventRules;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code klaxon.costs} → spend per UTC minute, hour, day and calendar month, per (user, provider) and
 * per user across providers (provider {@code *}), and per (service, provider) and per service across
 * providers (user {@code *}, {@code service} set) → {@code klaxon.metrics.spend}, one {@link SpendWindow}
 * per series and window when the window closes (event time reaches its end plus the grace); running
 * totals of open day and month windows → {@code klaxon.metrics.spend.open}, at most once per commit
 * interval per changed series. Keys: {@link SpendKey}.
 *
 * <pre>
 * costs → decode + rules ─┬─ bad → deadletter
 *   (+ source partition)  └─ key by user ──→ spend-by-user-repartition ──→ user windows ──┬→ metrics.spend
 *                         └─ key by service → spend-by-service-repartition → service windows ┴→ metrics.spend.open
 * </pre>
 *
 * <p>Why repartition: a window's sum is exact only if one task sees all its events. The gateway and
 * the emitter key {@code klaxon.costs} by user, but other producers may key it otherwise, and a
 * service's events come from all users. So each series kind goes through a Streams-managed repartition
 * topic keyed by its owner (user or service), and is summed in its own sub-topology. The repartition
 * records carry the bytes the event was decoded from, unchanged (no re-encoding per event).
 *
 * <p>Money is exact: {@code costUsd} is read as a {@link java.math.BigDecimal} of scale 9 and summed as
 * such; no amount passes through {@code double}. Records that do not decode, or break the event rules
 * (negative cost, cost above the per-event maximum, more than 9 decimals, missing user...) or the key
 * format ({@link SpendKey#requireKeyParts}), go to {@code klaxon.deadletter} with the
 * {@link dev.klaxon.schemas.DeadLetterHeaders} and are not summed; so do events that would overflow a
 * window's decimal(20, 9) total ({@link SpendWindowProcessor}).
 */
public final class SpendTopology {

  static final String SOURCE = "spend-source";
  static final String DECODE = "spend-decode";
  static final String VALID = "spend-valid";
  static final String DEAD_LETTER_SINK = "spend-deadletter-sink";
  /** Open windows of users' series, keyed like the output records ({@link SpendKey}), values {@link SpendWindow}. */
  public static final String WINDOW_STORE = "spend-window-store";
  /**
   * Close time and watermark per input partition of the users' series, so closed windows stay closed and
   * lagging partitions keep holding windows back after a restart.
   */
  public static final String STREAM_TIME_STORE = "spend-stream-time-store";
  /** Open windows of services' series, as {@link #WINDOW_STORE}. */
  public static final String SERVICE_WINDOW_STORE = "spend-service-window-store";
  /** Close time and watermarks of the services' series. */
  public static final String SERVICE_STREAM_TIME_STORE = "spend-service-stream-time-store";
  /** The Streams-managed repartition topics of an app running this topology: by user, then by service. */
  public static java.util.List<String> repartitionTopics(String applicationId) {
    return java.util.List.of(applicationId + "-" + BY_USER + "-repartition",
        applicationId + "-" + BY_SERVICE + "-repartition");
  }

  /** Repartition topics, {@code <application.id>-spend-by-user-repartition} and {@code ...-spend-by-service-...}. */
  static final String BY_USER = "spend-by-user";
  static final String BY_SERVICE = "spend-by-service";

  private SpendTopology() {}

  public static Topology build(SpendConfig config) {
    return build(config, AvroSerdes.embedded());
  }

  public static Topology build(SpendConfig config, AvroSerdes serdes) {
    StreamsBuilder builder = new StreamsBuilder();
    addTo(builder, config, serdes);
    return builder.build();
  }

  /** Adds the pipeline to a builder that may hold others, so one Streams app can run them all. */
  public static void addTo(StreamsBuilder builder, SpendConfig config, AvroSerdes serdes) {
    AvroSerde<CostEvent> events = serdes.forValues(CostEvent.class);
    String input = config.topics().costs();
    Function<byte[], CostEvent> valid = DecodingProcessor.validEvents(events, input, EventRules.of(config.eventLimits()))
        .andThen(SpendKey::requireKeyParts);
    KStream<Object, Object> decoded = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName(SOURCE))
        .process(() -> new DecodingProcessor<>(bytes -> new ValidCost(valid.apply(bytes), bytes), VALID,
            DEAD_LETTER_SINK), Named.as(DECODE));
    decoded.to(config.topics().deadLetter(), Produced.with(loose(Serdes.ByteArray()), loose(Serdes.ByteArray()))
        .withName(DEAD_LETTER_SINK));
    // Stamped with their partition of the input: after the repartition, each task keeps a watermark per input
    // partition, so one partition's backlog is not late because another ran ahead (SpendWindowProcessor).
    KStream<Object, ValidCost> validCosts = decoded.processValues(SourcePartitionStamp::new, Named.as(VALID));
    addSeries(builder, validCosts, SpendSeries.USER, BY_USER, WINDOW_STORE, STREAM_TIME_STORE, config, serdes, events);
    addSeries(builder, validCosts, SpendSeries.SERVICE, BY_SERVICE, SERVICE_WINDOW_STORE, SERVICE_STREAM_TIME_STORE,
        config, serdes, events);
  }

  /** Repartition by the series' owner, then sum that kind's windows in their own sub-topology. */
  private static void addSeries(StreamsBuilder builder, KStream<Object, ValidCost> validCosts, SpendSeries series,
      String name, String windowStore, String streamTimeStore, SpendConfig config, AvroSerdes serdes,
      AvroSerde<CostEvent> events) {
    String input = config.topics().costs();
    String windows = name + "-windows";
    String sink = name + "-sink";
    String openSink = name + "-open-sink";
    String overflowSink = name + "-overflow-deadletter-sink";
    String decode = name + "-decode";
    String decoded = name + "-decoded";
    builder.addStateStore(SpendWindowStore.builder(windowStore, config.stores()));
    builder.addStateStore(store(config, streamTimeStore, Serdes.String(), Serdes.Long()));

    // Keyed by the owner's UTF-8 bytes: the default partitioner puts them where a String key would go,
    // so interactive queries find a user's windows with queryMetadataForKey(store, userId, StringSerializer).
    KStream<Object, Object> repartitioned = validCosts
        .map((key, cost) -> KeyValue.pair(series.owner(cost.event()).getBytes(StandardCharsets.UTF_8), cost.bytes()),
            Named.as(name + "-key"))
        .repartition(Repartitioned.<byte[], byte[]>as(name).withKeySerde(Serdes.ByteArray())
            .withValueSerde(Serdes.ByteArray()))
        // Decoded again from the same bytes: cheaper than encoding a new record per event on the way in.
        .process(() -> new DecodingProcessor<>(bytes -> new ValidCost(events.decode(input, bytes), bytes), decoded,
            name + "-deadletter-sink"), Named.as(decode));
    repartitioned.to(config.topics().deadLetter(), Produced.with(loose(Serdes.ByteArray()),
        loose(Serdes.ByteArray())).withName(name + "-deadletter-sink"));

    KStream<Object, Object> sums = repartitioned
        .mapValues(value -> (ValidCost) value, Named.as(decoded))
        .process(() -> new SpendWindowProcessor(series, config, windowStore, streamTimeStore, sink, openSink,
            overflowSink), Named.as(windows), windowStore, streamTimeStore);
    Serde<Object> windowValues = loose(serdes.forValues(SpendWindow.class));
    sums.to(config.topics().spendMetrics(), Produced.with(loose(Serdes.String()), windowValues)
        .withStreamPartitioner(new SpendPartitioner()).withName(sink));
    sums.to(config.topics().openSpendMetrics(), Produced.with(loose(Serdes.String()), windowValues)
        .withStreamPartitioner(new SpendPartitioner()).withName(openSink));
    sums.to(config.topics().deadLetter(), Produced.with(loose(Serdes.ByteArray()), loose(Serdes.ByteArray()))
        .withName(overflowSink));
  }

  /** Changelogged and cached: the store and its changelog get a value once per commit, not per event. */
  private static <V> StoreBuilder<?> store(SpendConfig config, String name, Serde<String> keys, Serde<V> values) {
    KeyValueBytesStoreSupplier supplier = config.stores() == SpendConfig.Stores.IN_MEMORY
        ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    return Stores.keyValueStoreBuilder(supplier, keys, values).withCachingEnabled();
  }

  /** The DSL types a stream by one key and value type; a node here forwards to sinks of different types. */
  @SuppressWarnings("unchecked")
  private static <T> Serde<Object> loose(Serde<T> serde) {
    return (Serde<Object>) (Serde<?>) serde;
  }
}

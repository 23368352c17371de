package dev.klaxon.cost;

import dev.klaxon.cost.query.SpendApi;
import dev.klaxon.runtime.QueryRoutes;
import dev.klaxon.runtime.RunningService;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@code cost} role: {@link SpendTopology} as a Kafka Streams app, exactly-once (a closed window,
 * the store change behind it and the input offsets commit together), with the spend API
 * ({@link SpendApi}), {@code /metrics} and {@code /health/*} on one port. Wiring only.
 */
public final class CostAggregator implements RunningService {

  private final StreamsService app;
  private final SpendConfig config;
  private final CostSettings settings;

  private CostAggregator(StreamsService app, SpendConfig config, CostSettings settings) {
    this.app = app;
    this.config = config;
    this.settings = settings;
  }

  public static Properties streamsConfig(CostSettings settings) {
    Properties props = StreamsService.exactlyOnceConfig(settings.applicationId(), settings.bootstrapServers(),
        settings.commitInterval(), settings.stateDir());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.threads()));
    props.putAll(settings.kafka());
    return props;
  }

  /** Starts aggregating; returns once the app is started (not necessarily caught up). */
  public static CostAggregator start(SpendConfig config, CostSettings settings) {
    // The spend API needs the HTTP port: it is how the other instances reach this one's users.
    QueryRoutes api = settings.httpPort() < 0 ? null : new QueryRoutes(settings.advertisedHost(),
        (streams, self) -> Map.of(SpendApi.PREFIX, SpendApi.of(streams, self)));
    StreamsService app = StreamsService.start("cost",
        registry -> SpendTopology.build(config, AvroSerdes.forRegistryUrl(settings.schemaRegistryUrl())),
        streamsConfig(settings), settings.httpPort(), api);
    return new CostAggregator(app, config, settings);
  }

  public KafkaStreams.State state() {
    return app.state();
  }

  public KafkaStreams streams() {
    return app.streams();
  }

  /** Port of the spend API, /metrics and /health, or -1 when off. */
  public int httpPort() {
    return app.httpPort();
  }

  @Override
  public String describe() {
    Topics topics = config.topics();
    return "application " + settings.applicationId() + " on " + settings.bootstrapServers() + "; reads "
        + topics.costs() + "; writes " + topics.spendMetrics() + ", " + topics.openSpendMetrics() + ", "
        + topics.deadLetter() + " (and its repartition topics by user and by service); windows "
        + config.granularities().stream().map(Granularity::label).collect(Collectors.joining(", ")) + ", grace "
        + Durations.format(config.grace()) + (app.httpPort() < 0 ? "; no HTTP endpoint"
        : "; spend API (/api/v1/spend), /metrics and /health on port " + app.httpPort() + ", advertised as "
            + settings.advertisedHost() + ":" + app.httpPort());
  }

  /** Stops: commits what was processed and leaves the group. */
  @Override
  public void close() {
    app.close();
  }
}

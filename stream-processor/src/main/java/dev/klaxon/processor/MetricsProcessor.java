package dev.klaxon.processor;

import dev.klaxon.runtime.RunningService;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * The stream-processor service: request and log metrics in one Kafka Streams app, exactly-once,
 * with {@code /metrics} (Prometheus text) and {@code /health/live}, {@code /health/ready}.
 */
public final class MetricsProcessor implements RunningService {

  /** The producers' batch size, unless {@code kafka} in the settings says otherwise. */
  static final int PRODUCER_BATCH_BYTES = 256 * 1024;

  private final StreamsService app;
  private final MetricsConfig config;
  private final ProcessorSettings settings;

  private MetricsProcessor(StreamsService app, MetricsConfig config, ProcessorSettings settings) {
    this.app = app;
    this.config = config;
    this.settings = settings;
  }

  /** Both metrics pipelines in one topology. */
  public static Topology topology(MetricsConfig config, AvroSerdes serdes) {
    return LogMetricsTopology.addTo(RequestMetricsTopology.build(config, serdes), config, serdes);
  }

  public static Properties streamsConfig(ProcessorSettings settings) {
    Properties props = StreamsService.exactlyOnceConfig(settings.applicationId(), settings.bootstrapServers(),
        settings.commitInterval(), settings.stateDir());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(settings.threads()));
    // Our window store caches objects itself; Streams' byte cache would only add copies.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    // Idling orders records across a task's input partitions by timestamp (joins). Each of this
    // topology's tasks reads one partition of one topic, so it never idles; but with the default
    // (0) Streams still checks every task's partitions before every record, about 5 % of the
    // stream thread in a profile (issue 13, load-tests/RESULTS.md). -1 skips that check.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
    props.putAll(settings.kafka());
    // Every changed window is written to the changelog at once, at each commit, and the commit
    // waits for it: batches of 256 KB instead of the default 16 KB send that burst in a few produce
    // requests (issue 13, load-tests/RESULTS.md). A batch is held per partition being written, well
    // inside the producer's 32 MB buffer. A batch.size in the settings, either spelling, wins.
    String batchSize = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);
    if (!props.containsKey(batchSize) && !props.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
      props.put(batchSize, Integer.toString(PRODUCER_BATCH_BYTES));
    }
    return props;
  }

  /** Starts processing; returns once the app is started (not necessarily caught up). */
  public static MetricsProcessor start(MetricsConfig config, ProcessorSettings settings) {
    StreamsService app = StreamsService.start("processor",
        registry -> topology(config, AvroSerdes.forRegistryUrl(settings.schemaRegistryUrl())),
        streamsConfig(settings), settings.httpPort());
    return new MetricsProcessor(app, config, settings);
  }

  public KafkaStreams.State state() {
    return app.state();
  }

  public KafkaStreams streams() {
    return app.streams();
  }

  /** Port of /metrics and /health, or -1 when off. */
  public int httpPort() {
    return app.httpPort();
  }

  @Override
  public String describe() {
    Topics topics = config.topics();
    return "application " + settings.applicationId() + " on " + settings.bootstrapServers() + "; reads "
        + topics.requests() + ", " + topics.logs() + "; writes " + topics.requestMetrics() + ", " + topics.logMetrics()
        + ", " + topics.openRequestMetrics() + ", " + topics.openLogMetrics() + ", " + topics.deadLetter() + "; windows " + config.windowSizes().stream().map(Durations::format)
        .collect(Collectors.joining(", ")) + ", grace " + Durations.format(config.grace())
        + (app.httpPort() < 0 ? "; no HTTP endpoint" : "; /metrics and /health on port " + app.httpPort());
  }

  /** Stops processing: commits what was processed and leaves the group. */
  @Override
  public void close() {
    app.close();
  }
}

package dev.klaxon.sink;

import dev.klaxon.runtime.OpsServer;
import dev.klaxon.runtime.RunningService;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.NotificationLogEntry;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.sink.api.SinkApi;
import dev.klaxon.sink.config.ReceiverConfig;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.group.Dispatcher;
import dev.klaxon.sink.group.Flush;
import dev.klaxon.sink.group.GroupStage;
import dev.klaxon.sink.inhibit.Inhibitor;
import dev.klaxon.sink.internal.CompactedTopicReader;
import dev.klaxon.sink.internal.DeadLetterRecords;
import dev.klaxon.sink.internal.GroupPartitioner;
import dev.klaxon.sink.internal.SinkTopics;
import dev.klaxon.sink.internal.TopicSetup;
import dev.klaxon.sink.nflog.NotificationLog;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.ReceiverNotifiers;
import dev.klaxon.sink.notify.delivery.Destinations;
import dev.klaxon.sink.pipeline.DecisionTimeline;
import dev.klaxon.sink.pipeline.NotificationPipeline;
import dev.klaxon.sink.pipeline.NotifyMetrics;
import dev.klaxon.sink.pipeline.SinkEvents;
import dev.klaxon.sink.pipeline.SinkMetrics;
import dev.klaxon.sink.route.Router;
import dev.klaxon.sink.route.RouterStage;
import dev.klaxon.sink.silence.Silence;
import dev.klaxon.sink.silence.SilenceCodec;
import dev.klaxon.sink.silence.Silences;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert-sink service (design §8): {@code klaxon.alerts} → route → group → inhibit → silence →
 * dedup (notification log) → delivery (one paced, retrying destination per receiver integration) →
 * notifiers; delivered → notification log, given up → {@code klaxon.deadletter}. With
 * {@code /metrics}, {@code /health/*} and the silences API. Several instances with the same group id share the groups, one owner each.
 *
 * <pre>{@code
 * try (AlertSink sink = AlertSink.start(SinkConfig.load(path), SinkSettings.defaults("kafka:9092"))) { ... }
 * }</pre>
 */
public final class AlertSink implements RunningService {

  private static final Logger log = LoggerFactory.getLogger(AlertSink.class);

  private final List<AutoCloseable> resources;
  private final RouterStage router;
  private final GroupStage groups;
  private final List<CompactedTopicReader<?>> readers;
  private final OpsServer ops;
  private final SinkApi api;
  private final PrometheusMeterRegistry registry;
  private final DecisionTimeline timeline;
  private final String description;

  private AlertSink(List<AutoCloseable> resources, RouterStage router, GroupStage groups,
      List<CompactedTopicReader<?>> readers, OpsServer ops, SinkApi api, PrometheusMeterRegistry registry,
      DecisionTimeline timeline, String description) {
    this.description = description;
    this.resources = resources;
    this.router = router;
    this.groups = groups;
    this.readers = readers;
    this.ops = ops;
    this.api = api;
    this.registry = registry;
    this.timeline = timeline;
  }

  /**
   * Builds every notifier (failing fast on a bad receiver entry), creates missing topics, starts
   * reading and serving; returns without waiting for the state to be read (see {@link #isReady()}).
   *
   * @throws InvalidConfigException when an integration refuses a receiver's settings
   */
  public static AlertSink start(SinkConfig config, SinkSettings settings) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NotifyStats notifyStats = new NotifyMetrics(registry);
    ReceiverNotifiers notifiers = ReceiverNotifiers.build(config, settings.integrations().apply(notifyStats));
    config.warnings().forEach(w -> log.warn("sink config: {}", w));
    SinkTopics topics = new SinkTopics(settings.topics());
    int statePartitions = TopicSetup.ensure(settings.kafka(), topics, settings.statePartitions());

    List<AutoCloseable> resources = new ArrayList<>();
    try {
      AvroSerdes serdes = AvroSerdes.forRegistryUrl(settings.schemaRegistryUrl());
      AvroSerde<Alert> alertSerde = serdes.forValues(Alert.class);
      AvroSerde<NotificationLogEntry> nflogSerde = serdes.forValues(NotificationLogEntry.class);
      AvroSerde<dev.klaxon.schemas.Silence> silenceSerde = serdes.forValues(dev.klaxon.schemas.Silence.class);

      Map<String, Object> producerProps = new HashMap<>(settings.kafka());
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
      KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
          new ByteArraySerializer());
      resources.add(() -> producer.close(Duration.ofSeconds(10)));

      resources.add(registry::close);
      // Closed before the producer: a worker stopping mid-delivery may still write its log entry or dead letter.
      Destinations outbox = Destinations.builder(letter -> send(producer, DeadLetterRecords.of(topics.deadLetter(), letter)))
          .policy(settings.retryPolicy()).time(settings.deliveryTime()).stats(notifyStats).build().startAll(notifiers);
      resources.add(outbox);
      DecisionTimeline timeline = new DecisionTimeline();
      SinkEvents events = SinkEvents.all(new SinkMetrics(registry), timeline);
      Router routes = new Router(config.route());

      // Every instance reads all silences, the whole notification log and all alert state (for inhibition).
      Silences silences = new Silences();
      NotificationLog nflog = new NotificationLog(entry -> send(producer, new ProducerRecord<>(topics.notifications(),
          NotificationLog.key(entry.getGroupKey(), entry.getIntegration()),
          nflogSerde.serializer().serialize(topics.notifications(), entry))));
      Inhibitor inhibitor = new Inhibitor(config.inhibitRules());
      List<CompactedTopicReader<?>> readers = new ArrayList<>();
      readers.add(new CompactedTopicReader<>(settings.kafka(), topics.silences(), silenceSerde.deserializer(),
          (id, silence) -> {
            if (silence == null) {
              silences.remove(id);
            } else {
              silences.put(SilenceCodec.fromAvro(silence));
            }
          }));
      CompactedTopicReader<NotificationLogEntry> nflogReader = new CompactedTopicReader<>(settings.kafka(),
          topics.notifications(), nflogSerde.deserializer(), (key, entry) -> {
            if (entry == null) {
              nflog.remove(key);
            } else {
              nflog.apply(entry);
            }
          });
      readers.add(nflogReader);
      readers.add(new CompactedTopicReader<>(settings.kafka(), topics.groupState(), alertSerde.deserializer(),
          (key, alert) -> {
            if (alert == null) {
              inhibitor.forget(GroupPartitioner.fingerprintOf(key));
            } else {
              inhibitor.observe(alert);
            }
          }));
      readers.forEach(reader -> resources.add(reader));
      readers.forEach(CompactedTopicReader::start);

      NotificationPipeline pipeline = new NotificationPipeline(outbox, inhibitor, silences, nflog, settings.clock(),
          events);
      Dispatcher dispatcher = new Dispatcher(routes, settings.clock(), new Dispatcher.FlushHandler() {
        @Override
        public void flush(Flush flush, Dispatcher.Completion done) {
          pipeline.flush(flush, done);
        }

        @Override
        public void forgotten(String groupKey, List<Alert> alerts, boolean groupRemoved) {
          // Notified resolved alerts leave the state topic, so a restart does not rebuild them.
          for (Alert alert : alerts) {
            producer.send(new ProducerRecord<>(topics.groupState(), GroupPartitioner.partition(groupKey, statePartitions),
                GroupPartitioner.stateKey(groupKey, alert.getFingerprint()), null));
          }
        }
      });

      GroupStage groupStage = new GroupStage(settings.kafka(), settings.groupId() + "-groups", topics.groupState(),
          statePartitions, alertSerde.deserializer(), dispatcher, nflog, nflogReader::isCaughtUp, settings.clock());
      resources.add(groupStage);
      RouterStage routerStage = new RouterStage(settings.kafka(), settings.groupId() + "-router", producer,
          alertSerde.deserializer(), alertSerde.serializer(), routes, topics, statePartitions, events,
          settings.clock());
      resources.add(routerStage);
      groupStage.start();
      routerStage.start();

      OpsServer ops = null;
      if (settings.httpPort() >= 0) {
        ops = OpsServer.start(settings.httpPort(), registry::scrape,
            () -> routerStage.isHealthy() && groupStage.isHealthy() && readers.stream().allMatch(CompactedTopicReader::isAlive),
            () -> groupStage.isReady() && readers.stream().allMatch(CompactedTopicReader::isCaughtUp));
        resources.add(ops);
      }
      SinkApi api = null;
      if (settings.apiPort() >= 0) {
        api = SinkApi.start(settings.apiPort(), silences, silence -> {
          send(producer, new ProducerRecord<>(topics.silences(), silence.id(),
              silenceSerde.serializer().serialize(topics.silences(), SilenceCodec.toAvro(silence))));
          silences.put(silence);
        }, settings.apiTokens(), settings.clock(), timeline);
        resources.add(api);
      }
      log.info("alert sink started: {} receivers, {} inhibit rules, group-state topic {} ({} partitions)",
          config.receivers().size(), config.inhibitRules().size(), topics.groupState(), statePartitions);
      String description = "reads " + topics.alerts() + ", " + topics.silences() + ", " + topics.notifications()
          + "; writes " + topics.notifications() + ", " + topics.groupState() + ", " + topics.deadLetter() + " on "
          + settings.kafka().get("bootstrap.servers") + "; receivers "
          + config.receivers().stream().map(ReceiverConfig::name).toList()
          + (ops == null ? "" : "; /metrics and /health on port " + ops.port())
          + (api == null ? "" : "; silences API on port " + api.port()
              + (settings.apiTokens().isEmpty() ? " (localhost only: no admin token)" : ""));
      return new AlertSink(resources, routerStage, groupStage, readers, ops, api, registry, timeline, description);
    } catch (IOException e) {
      closeAll(resources);
      throw new UncheckedIOException("cannot listen for HTTP: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  private static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing to " + record.topic(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + record.topic() + ": " + e.getCause().getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  /** Caught up: every compacted topic read and this instance's groups rebuilt; notifications flow. */
  public boolean isReady() {
    return groups.isReady() && readers.stream().allMatch(CompactedTopicReader::isCaughtUp);
  }

  public boolean isLive() {
    return router.isHealthy() && groups.isHealthy();
  }

  /** Port of /metrics and /health, or -1. */
  public int httpPort() {
    return ops == null ? -1 : ops.port();
  }

  /** Port of the silences API, or -1. */
  public int apiPort() {
    return api == null ? -1 : api.port();
  }

  public String scrapeMetrics() {
    return registry.scrape();
  }

  public List<DecisionTimeline.Step> why(String fingerprint) {
    return timeline.of(fingerprint);
  }

  /** Stops reading and sending; what was sent is in the notification log, what was not is in the state topic. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("closing {} failed", resources.get(i), e);
      }
    }
  }
}

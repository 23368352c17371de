package dev.klaxon.replay;

import dev.klaxon.replay.copy.EndMarkers;
import dev.klaxon.replay.copy.RangeCopier;
import dev.klaxon.replay.copy.RangePlan;
import dev.klaxon.replay.copy.ServiceScan;
import dev.klaxon.replay.notify.NotificationReplay;
import dev.klaxon.replay.notify.WouldNotify;
import dev.klaxon.cost.SpendTopology;
import dev.klaxon.replay.run.Completion;
import dev.klaxon.replay.run.ReplayAdmin;
import dev.klaxon.replay.run.ReplayApps;
import dev.klaxon.replay.run.ReplayTopics;
import dev.klaxon.rules.AlertEvaluatorTopology;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A post-mortem replay (design §10), step by step:
 *
 * <ol>
 *   <li>plan: find the range's offsets in the live input topics ({@link RangePlan}); refuse a range
 *       retention already deleted, an empty one, an unreachable broker, and {@code --services} without
 *       events in it ({@link ServiceScan}), before anything is created;
 *   <li>copy the range into the replay's own input topics ({@link RangeCopier}), then one end marker
 *       per partition so the range's last windows close by event time ({@link EndMarkers});
 *   <li>run the live metrics and spend topologies on the copy until their committed offsets reach the
 *       end ({@link Completion});
 *   <li>drop the open-window records, then run the live alert evaluator on the closed windows: open
 *       values are published by the wall clock, so a replay that used them would differ run to run;
 *   <li>read the results, simulate the notifications in event time ({@link NotificationReplay});
 *   <li>delete everything named {@code klaxon-replay-<runId>*}, unless {@code keep}.
 * </ol>
 *
 * The live topics are only read, by a consumer without a group; every write goes to a topic of the run.
 */
public final class Replay {

  private static final Logger log = LoggerFactory.getLogger(Replay.class);
  static final Duration STALL_TIMEOUT = Duration.ofMinutes(2);

  private final KafkaCluster cluster;
  private final AvroSerdes serdes;
  private final Clock clock;
  /** The app running now, if any: an exit mid-replay stops it first, so its group can be deleted. */
  private volatile StreamsService running;

  public Replay(KafkaCluster cluster, AvroSerdes serdes, Clock clock) {
    this.cluster = cluster;
    this.serdes = serdes;
    this.clock = clock;
  }

  public ReplayResult run(ReplayRequest request, ReplayProgress progress) {
    long started = System.nanoTime();
    Topics live = cluster.topics();
    Map<String, Object> clients = new HashMap<>(cluster.clientProperties(Map.of()));
    try (ReplayAdmin admin = ReplayAdmin.connect(clients);
         KafkaConsumer<byte[], byte[]> consumer = consumer(clients)) {
      Map<String, Integer> livePartitions = admin.partitionCounts(live.all());
      RangePlan plan = RangePlan.of(consumer, live.inputs(), request.range(), request.closesAt());
      if (!request.services().isEmpty()) {
        progress.stage("services", plan.totalRecords()); // usually a poll per partition; all only to name what is missing
        new ServiceScan(consumer, live, serdes).requireKnown(plan, request, progress::advanced);
      }
      ReplayTopics topics = ReplayTopics.newRun(live, clock.instant());
      log.info("replay {}: {} records to copy, planned in {} ms", topics.runId(), plan.totalRecords(), since(started));
      Map<String, Integer> partitions = topics.partitions(livePartitions);
      Path stateDir = tempDir(topics);
      Thread onExit = new Thread(() -> cleanUpOnExit(clients, topics, request.keep(), stateDir),
          topics.owned() + "-clean-up");
      Runtime.getRuntime().addShutdownHook(onExit);
      admin.createTopics(partitions);
      log.info("replay {}: created its topics at {} ms", topics.runId(), since(started));
      try {
        return replay(request, progress, admin, consumer, plan, topics, partitions, stateDir, started);
      } finally {
        cleanUp(admin, topics, request.keep(), stateDir);
        try {
          Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or about to: it cleans up what this block did not reach
        }
      }
    }
  }

  private ReplayResult replay(ReplayRequest request, ReplayProgress progress, ReplayAdmin admin,
      KafkaConsumer<byte[], byte[]> consumer, RangePlan plan, ReplayTopics topics, Map<String, Integer> partitions,
      Path stateDir, long started) {
    Topics replay = topics.replay();
    progress.stage("copying", plan.totalRecords());
    RangeCopier.Copied copied;
    try (KafkaProducer<byte[], byte[]> producer = producer(topics)) {
      copied = new RangeCopier(consumer, producer, topics, serdes).copy(plan, request, progress::advanced);
      EndMarkers.send(producer, topics, partitions, request.closesAt());
    }
    Duration copyTime = Duration.ofNanos(System.nanoTime() - started);
    log.info("replay {}: copied {} of {} records by {} ms", topics.runId(), copied.written(), copied.read(),
        copyTime.toMillis());

    ReplayApps apps = new ReplayApps(topics, request.range(), request.live(), serdes,
        cluster.clientProperties(Map.of()), stateDir, partitions.getOrDefault(replay.costs(), 1));
    Completion completion = new Completion(admin, STALL_TIMEOUT);
    progress.stage("metrics", copied.written());
    long metricsStarted = System.nanoTime();
    try (StreamsService metrics = apps.startMetrics()) {
      running = metrics;
      completion.await("metrics", metrics.streams(), topics.metricsApplicationId(), replay.inputs(), progress::advanced);
      // Spend is summed after its repartition: done when those topics are consumed too.
      completion.await("metrics", metrics.streams(), topics.metricsApplicationId(),
          SpendTopology.repartitionTopics(topics.metricsApplicationId()), progress::advanced);
    }
    admin.emptyTopics(topics, replay.all().stream().filter(replay::isOpenWindows).toList());

    running = null;
    Duration metricsTime = Duration.ofNanos(System.nanoTime() - metricsStarted);
    log.info("replay {}: metrics done in {} ms", topics.runId(), metricsTime.toMillis());

    progress.stage("rules", 0);
    long rulesStarted = System.nanoTime();
    try (StreamsService rules = apps.startRules(request.rules())) {
      running = rules;
      completion.await("alert rules", rules.streams(), topics.rulesApplicationId(),
          AlertEvaluatorTopology.inputs(replay), progress::advanced);
      completion.await("alert rules", rules.streams(), topics.rulesApplicationId(),
          List.of(apps.rulesRepartitionTopic()), progress::advanced);
    }

    running = null;
    Duration rulesTime = Duration.ofNanos(System.nanoTime() - rulesStarted);

    progress.stage("notifications", 0);
    // A consumer of its own: the copy's still holds fetch state for the live partitions.
    try (KafkaConsumer<byte[], byte[]> reader = consumer(new HashMap<>(cluster.clientProperties(Map.of())))) {
      ReplayOutputs outputs = new ReplayOutputs(reader, replay, serdes, request);
      List<AlertTransition> transitions = outputs.transitions();
      List<WouldNotify> notifications =
          NotificationReplay.simulate(request.routing(), transitions, request.range().end());
      return new ReplayResult(request, topics.runId(), copied.read(), copied.written(), outputs.requestWindows(),
          outputs.logWindows(), outputs.spendWindows(), transitions, notifications, copyTime, metricsTime, rulesTime,
          Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static long since(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  /** Ctrl-C (or any exit) in the middle of a replay: its topics, groups and state go all the same. */
  private void cleanUpOnExit(Map<String, Object> clients, ReplayTopics topics, boolean keep, Path stateDir) {
    StreamsService app = running;
    if (app != null) {
      app.close();
    }
    try (ReplayAdmin admin = ReplayAdmin.connect(clients)) {
      cleanUp(admin, topics, keep, stateDir);
    } catch (RuntimeException e) {
      log.warn("replay {}: could not clean up on exit: {}; delete the topics {}* by hand", topics.runId(),
          e.getMessage(), topics.owned());
    }
  }

  private void cleanUp(ReplayAdmin admin, ReplayTopics topics, boolean keep, Path stateDir) {
    deleteTree(stateDir);
    if (keep) {
      log.info("replay {}: kept its topics ({}*) and groups", topics.runId(), topics.owned());
      return;
    }
    try {
      List<String> owned = topics.ownedAmong(admin.topicNames());
      List<String> problems = admin.delete(owned,
          List.of(topics.metricsApplicationId(), topics.rulesApplicationId()));
      problems.forEach(problem -> log.warn("replay {}: clean-up: {}", topics.runId(), problem));
    } catch (RuntimeException e) {
      log.warn("replay {}: could not delete its topics {}*: {}", topics.runId(), topics.owned(), e.getMessage());
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> clients) {
    Map<String, Object> props = new HashMap<>(clients);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned partitions, no group: nothing is committed anywhere
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private KafkaProducer<byte[], byte[]> producer(ReplayTopics topics) {
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(Map.of()));
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, topics.owned() + "-copy");
    props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Path tempDir(ReplayTopics topics) {
    try {
      return Files.createTempDirectory(topics.owned() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the replay's state directory", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.toList());
      all.sort(Comparator.reverseOrder());
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("could not delete the replay's state directory {}: {}", dir, e.getMessage());
    }
  }
}

package dev.klaxon.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.cost.SpendTopology;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.replay.copy.EndMarkers;
import dev.klaxon.replay.copy.RangePlan;
import dev.klaxon.replay.copy.ServiceScan;
import dev.klaxon.replay.report.ReplayReport;
import dev.klaxon.replay.report.ReportBuilder;
import dev.klaxon.replay.report.ReportFormat;
import dev.klaxon.replay.run.Completion;
import dev.klaxon.replay.run.ReplayAdmin;
import dev.klaxon.replay.run.ReplayTopics;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A known incident, written to live-prefix input topics with explicit event times and processed by the
 * live topologies; then replayed. The replay must recompute the live windows exactly, the alert
 * timeline the live windows imply, the same result twice, and leave every live topic untouched.
 */
@KafkaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIntegrationTest {

  /** Ten minutes of the demo's traffic, its incident (search-api GET /search) from minute 1 to 4. */
  private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(40));
  private static final Duration MINUTES_OF_TRAFFIC = Duration.ofMinutes(10);
  private static final Duration WINDOW = Duration.ofMinutes(1);

  private Path stateDir;
  private KafkaTestEnv kafka;
  private Topics live;
  private List<RequestWindow> liveRequests;
  private List<LogWindow> liveLogs;
  private List<SpendWindow> liveSpend;

  @BeforeAll
  void writeTheIncidentAndProcessItLive(KafkaTestEnv kafka) throws Exception {
    this.kafka = kafka;
    this.stateDir = java.nio.file.Files.createTempDirectory("replay-it-");
    this.live = kafka.createTopics(3);
    TrafficGenerator traffic = new TrafficGenerator(TrafficProfile.demo(), 42, T0.toEpochMilli());
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      traffic.emitBetween(T0.toEpochMilli(), T0.plus(MINUTES_OF_TRAFFIC).toEpochMilli(), new EventSink() {
        @Override
        public void request(RequestEvent event) {
          producer.send(InputRecords.toProducerRecord(live, event));
        }

        @Override
        public void log(LogEvent event) {
          producer.send(InputRecords.toProducerRecord(live, event));
        }

        @Override
        public void cost(CostEvent event) {
          producer.send(InputRecords.toProducerRecord(live, event));
        }
      });
      laterCosts(producer);
      producer.flush();
    }
    runLive();
  }

  /**
   * Live, later traffic closes the spend windows: a window closes when every costs partition's watermark has
   * passed it, in each partition of the repartition topics. One cost a minute after the traffic from every
   * costs partition to every repartition partition, as the replay's end markers do (its range ends earlier).
   */
  private void laterCosts(KafkaProducer<String, byte[]> producer) {
    long at = T0.plus(MINUTES_OF_TRAFFIC).plus(Duration.ofMinutes(1)).toEpochMilli();
    for (int target = 0; target < 3; target++) {
      String owner = EndMarkers.owner(target, 3);
      byte[] cost = AvroSerde.embedded(CostEvent.class).encode(CostEvent.newBuilder().setService(owner)
          .setUserId(owner).setProvider("later").setCostUsd(java.math.BigDecimal.ZERO.setScale(9)).setTimestamp(at)
          .build());
      for (int partition = 0; partition < 3; partition++) {
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(live.costs(), partition, at, owner, cost));
      }
    }
  }

  /** The live processor and spend topology, as `klaxon run` starts them, until they consumed everything. */
  private void runLive() {
    String metricsId = kafka.uniqueName("live-metrics");
    ProcessorSettings settings = new ProcessorSettings(kafka.bootstrapServers(), metricsId,
        stateDir.resolve("live-metrics"), Duration.ofMillis(100), 1, -1, Map.of(), Optional.empty());
    Properties spendProps = StreamsService.exactlyOnceConfig(kafka.uniqueName("live-spend"), kafka.bootstrapServers(),
        Duration.ofMillis(100), stateDir.resolve("live-spend"));
    try (ReplayAdmin admin = ReplayAdmin.connect(new HashMap<>(kafka.kafka().clientProperties()));
         MetricsProcessor processor = MetricsProcessor.start(MetricsConfig.defaults(live), settings);
         StreamsService spend = StreamsService.start("spend",
             registry -> SpendTopology.build(SpendConfig.defaults(live).withInputPartitions(3)), spendProps, -1)) {
      Completion completion = new Completion(admin, Duration.ofMinutes(2));
      completion.await("live metrics", processor.streams(), metricsId, List.of(live.requests(), live.logs()), n -> {});
      completion.await("live spend", spend.streams(), kafka.uniqueName("live-spend"), List.of(live.costs()), n -> {});
      completion.await("live spend", spend.streams(), kafka.uniqueName("live-spend"),
          SpendTopology.repartitionTopics(kafka.uniqueName("live-spend")), n -> {});
    }
    liveRequests = read(live.requestMetrics(), RequestWindow.class);
    liveLogs = read(live.logMetrics(), LogWindow.class);
    liveSpend = read(live.spendMetrics(), SpendWindow.class);
  }

  @Test
  void aReplayRecomputesTheLiveWindowsAndAlertsTwiceAlikeWithoutWritingToALiveTopic() throws Exception {
    ReplayRange range = new ReplayRange(T0.plusSeconds(20), T0.plus(Duration.ofMinutes(7)), WINDOW,
        MetricsConfig.DEFAULT_GRACE);
    ReplayRequest request = new ReplayRequest(range, Set.of(), RuleSet.defaults(), SinkConfig.defaults(), false);
    Map<TopicPartition, Long> liveBefore = liveEndOffsets();

    ReplayResult first = replay().run(request, ReplayProgress.none());
    ReplayResult second = replay().run(request, ReplayProgress.none());

    assertThat(liveEndOffsets()).as("end offsets of every live topic").isEqualTo(liveBefore);
    assertThat(first.requestWindows()).hasSize((int) liveRequests.stream().filter(w -> inRange(range, w.getWindowStart(), w.getWindowEnd())).count())
        .containsExactlyInAnyOrderElementsOf(liveRequests.stream().filter(w -> inRange(range, w.getWindowStart(), w.getWindowEnd())).toList());
    assertThat(first.logWindows()).containsExactlyInAnyOrderElementsOf(
        liveLogs.stream().filter(w -> inRange(range, w.getWindowStart(), w.getWindowEnd())).toList());
    // Spend is summed after a repartition that interleaves the input partitions, each read at its own pace:
    // exact only because windows close by a watermark per input partition (issue 10).
    assertThat(first.spendWindows()).isNotEmpty()
        .anyMatch(w -> w.getService() == null).anyMatch(w -> w.getService() != null)
        .containsExactlyInAnyOrderElementsOf(liveSpend.stream()
            .filter(w -> inRange(range, w.getWindowStart(), w.getWindowEnd())).toList());

    List<AlertTransition> expected = ExpectedAlerts.of(RuleSet.defaults(), first.requestWindows(), first.logWindows(),
        WINDOW, stateDir.resolve("expected"));
    assertThat(first.transitions().stream().map(ReplayIntegrationTest::describe).toList())
        .anyMatch(t -> t.startsWith("HighP95Latency firing critical search-api @"))
        .anyMatch(t -> t.startsWith("HighP95Latency resolved critical search-api @"))
        .containsExactlyInAnyOrderElementsOf(expected.stream()
            .filter(t -> t.at() > range.start().toEpochMilli() && t.at() <= range.end().toEpochMilli())
            .map(ReplayIntegrationTest::describe).toList());
    assertThat(first.notifications()).isNotEmpty();

    assertThat(second.requestWindows()).isEqualTo(first.requestWindows());
    assertThat(second.logWindows()).isEqualTo(first.logWindows());
    assertThat(second.spendWindows()).isEqualTo(first.spendWindows());
    assertThat(second.transitions()).isEqualTo(first.transitions());
    assertThat(second.notifications()).isEqualTo(first.notifications());

    assertThat(replayTopicsLeft(first.runId())).as("the replay's topics after clean-up").isEmpty();

    // The timeline: HighP95Latency on search-api was pending (the window whose p95 first breached) before
    // it fired, and the pending ends exactly where the firing starts.
    ReplayReport report = ReportBuilder.build(first, "shipped rules", "shipped routing", System.currentTimeMillis());
    ReplayReport.AlertTimeline p95 = report.alerts().stream()
        .filter(a -> a.rule().equals("HighP95Latency") && "search-api".equals(a.labels().get("service")))
        .findFirst().orElseThrow();
    long fired = first.transitions().stream().filter(t -> t.alert().getRule().equals("HighP95Latency")
        && t.firing()).mapToLong(AlertTransition::at).min().orElseThrow();
    assertThat(p95.spans().get(0)).satisfies(pending -> {
      assertThat(pending.state()).isEqualTo("pending");
      assertThat(pending.endedBy()).isEqualTo("fired");
      assertThat(pending.to()).isEqualTo(fired);
      assertThat(pending.from()).isLessThan(fired);
    });
    assertThat(p95.spans().get(1).state()).isEqualTo("firing");
    assertThat(p95.spans().get(1).from()).isEqualTo(fired);
    assertThat(p95.changes()).extracting(ReplayReport.AlertChange::kind).startsWith("fired").endsWith("resolved");
    assertThat(ReportBuilder.build(second, "shipped rules", "shipped routing", 0).alerts())
        .as("the same timeline from the second replay")
        .isEqualTo(ReportBuilder.build(first, "shipped rules", "shipped routing", 0).alerts());

    // A real report of a real replay, for a look (and the module README's screenshot).
    java.nio.file.Files.writeString(Path.of("target", "replay-integration-report.html"),
        ReportFormat.HTML.render(report));
  }

  @Test
  void unknownServicesAreNamedWithTheKnownOnesBeforeAnythingIsCreatedOrCopied() {
    ReplayRange range = new ReplayRange(T0, T0.plus(Duration.ofMinutes(2)), WINDOW, MetricsConfig.DEFAULT_GRACE);
    List<String> replayTopicsBefore = replayTopicsLeft("");
    assertThatThrownBy(() -> replay().run(new ReplayRequest(range, Set.of("nope-api", "search-api"),
        RuleSet.defaults(), SinkConfig.defaults(), false), ReplayProgress.none()))
        .isInstanceOf(ReplayException.class)
        .hasMessageStartingWith("no events of nope-api in the range; services with events there: ")
        .hasMessageContaining("search-api").hasMessageContaining("llm-gateway");
    assertThat(replayTopicsLeft("")).as("replay topics: none was created").isEqualTo(replayTopicsBefore);
  }

  @Test
  void theServiceCheckStopsEarlyWhenEveryNamedServiceHasEvents() {
    ReplayRange range = new ReplayRange(T0, T0.plus(Duration.ofMinutes(8)), WINDOW, MetricsConfig.DEFAULT_GRACE);
    ReplayRequest request = new ReplayRequest(range, Set.of("search-api", "checkout-api"), RuleSet.defaults(),
        SinkConfig.defaults(), false);
    try (var consumer = kafka.consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      RangePlan plan = RangePlan.of(consumer, live.inputs(), range);
      long[] read = {0};
      new ServiceScan(consumer, live, AvroSerdes.embedded()).requireKnown(plan, request, n -> read[0] = n);
      assertThat(read[0]).as("records read to find both services").isPositive()
          .isLessThan(plan.totalRecords() / 2);
    }
  }

  @Test
  void anEmptyRangeSaysWhereTheEventsAre() {
    ReplayRange range = new ReplayRange(T0.minus(Duration.ofHours(3)), T0.minus(Duration.ofHours(2)), WINDOW,
        MetricsConfig.DEFAULT_GRACE);
    assertThatThrownBy(() -> replay().run(new ReplayRequest(range, Set.of(), RuleSet.defaults(),
        SinkConfig.defaults(), false), ReplayProgress.none()))
        .isInstanceOf(ReplayException.class)
        .hasMessageContaining("no events between")
        .hasMessageContaining("the oldest retained event is from " + T0.toString().substring(0, 16));
  }

  @Test
  void aRangeThatRetentionAlreadyDeletedNamesTheOldestEventLeft() throws Exception {
    Topics retained = new Topics(kafka.uniqueName("retained") + ".");
    kafka.kafka().createTopics(retained, 1);
    AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
      for (int minute = 0; minute < 4; minute++) {
        RequestEvent event = RequestEvent.newBuilder().setService("checkout").setRoute("POST /pay").setStatus(200)
            .setDurationMs(10).setTimestamp(T0.plus(Duration.ofMinutes(minute)).toEpochMilli()).build();
        producer.send(InputRecords.toProducerRecord(retained, event)).get();
      }
    }
    // What retention does: the first two minutes' records are gone.
    try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.kafka().clientProperties())) {
      admin.deleteRecords(Map.of(new TopicPartition(retained.requests(), 0),
          org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(2))).all().get();
    }
    ReplayRange range = new ReplayRange(T0, T0.plus(Duration.ofMinutes(4)), WINDOW, MetricsConfig.DEFAULT_GRACE);
    Replay replay = new Replay(new KafkaCluster(kafka.bootstrapServers(), Optional.empty(), retained, Map.of()),
        AvroSerdes.embedded(), Clock.systemUTC());

    assertThatThrownBy(() -> replay.run(new ReplayRequest(range, Set.of(), RuleSet.defaults(), SinkConfig.defaults(),
        false), ReplayProgress.none()))
        .isInstanceOf(ReplayException.class)
        .hasMessage("the range starts at " + T0 + ", before the oldest retained event (" + T0.plus(Duration.ofMinutes(2))
            + "); older events were deleted by retention. Use --from " + T0.plus(Duration.ofMinutes(2)) + " or later");
  }

  private static String describe(AlertTransition t) {
    return t.alert().getRule() + " " + t.alert().getStatus() + " " + t.alert().getSeverity() + " "
        + t.alert().getLabels().getOrDefault("service", "") + (t.alert().getLabels().containsKey("route")
        ? " " + t.alert().getLabels().get("route") : "") + " @" + Instant.ofEpochMilli(t.at());
  }

  private static boolean inRange(ReplayRange range, long start, long end) {
    return range.holds(start, end);
  }

  private Replay replay() {
    return new Replay(new KafkaCluster(kafka.bootstrapServers(), Optional.empty(), live,
        Map.of()), AvroSerdes.embedded(), Clock.systemUTC());
  }

  /** Every topic of this test's live prefix and of its live apps' internal topics. */
  private Map<TopicPartition, Long> liveEndOffsets() {
    try (ReplayAdmin admin = ReplayAdmin.connect(new HashMap<>(kafka.kafka().clientProperties()))) {
      List<String> mine = admin.topicNames().stream().filter(name -> name.startsWith(kafka.applicationId())).toList();
      assertThat(mine).contains(live.requests(), live.requestMetrics(), live.alerts());
      return admin.endOffsets(mine);
    }
  }

  private List<String> replayTopicsLeft(String runId) {
    try (ReplayAdmin admin = ReplayAdmin.connect(new HashMap<>(kafka.kafka().clientProperties()))) {
      return admin.topicNames().stream().filter(n -> n.startsWith(ReplayTopics.NAME_PREFIX + runId)).toList();
    }
  }

  private <T extends org.apache.avro.specific.SpecificRecord> List<T> read(String topic, Class<T> type) {
    AvroSerde<T> serde = AvroSerde.embedded(type);
    Function<ConsumerRecord<byte[], byte[]>, T> decode = record -> serde.decode(record.value());
    try (var consumer = kafka.consumer(new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return new dev.klaxon.replay.run.TopicReader(consumer).readAll(topic, (record, bytes) -> decode.apply(record));
    }
  }
}

package dev.klaxon.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.rules.AlertEvaluator;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.EvaluatorSettings;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.traffic.Incident;
import dev.klaxon.traffic.LatencyModel;
import dev.klaxon.traffic.LogProfile;
import dev.klaxon.traffic.RouteProfile;
import dev.klaxon.traffic.ServiceProfile;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, scale out: processors and rule evaluators sharing their application ids, with a processor
 * joining, one leaving cleanly and one killed (SIGKILL, in a child JVM) mid-stream, still write every
 * metric window and every alert transition exactly once, with the values the events call for.
 */
@KafkaIntegrationTest
class ScaleOutIntegrationTest {

  private static final int PARTITIONS = 4;
  private static final Duration WINDOW = ProcessorChild.WINDOW;
  private static final int WINDOWS = 36;
  /** Window 0: long enough ago that the last windows, too, close by the idle wall clock. */
  private static final long T0 = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() / 10_000 * 10_000;
  /** One firing and one resolved per incident: critical only, and hysteresis against flapping. */
  private static final String RULES = """
      rules:
        - {name: SlowService, metric: requests.p95, by: [service], critical: 1500, resolveBelow: 800, minCount: 20,
           summary: "{{service}}: p95 {{value}}"}
      """;
  /** Before the first membership change: fires and resolves with every instance in place. */
  private static final Incident EARLY = incident("north-2", 3, 4);
  /** From before the third processor joins until after the first one has left (and before the kill). */
  private static final Incident ACROSS_CHANGES = incident("south-4", 10, 16);

  @TempDir Path stateDir;
  private final List<Object> apps = new ArrayList<>();
  private final AvroSerde<RequestWindow> windows = AvroSerde.embedded(RequestWindow.class);
  private final AvroSerde<Alert> alerts = AvroSerde.embedded(Alert.class);

  @Test
  void withAProcessorJoiningOneLeavingAndOneKilledMidStreamEveryWindowAndAlertTransitionIsWrittenOnce(
      KafkaTestEnv kafka) throws Exception {
    String processors = kafka.uniqueName("metrics");
    Topics topics = kafka.createTopics(PARTITIONS);
    ExpectedWindows expected = new ExpectedWindows(WINDOW);
    try (Fleet fleet = new Fleet();
        KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        CommittedLog<RequestWindow> windowLog = new CommittedLog<>(kafka, topics.requestMetrics(), windows::decode);
        CommittedLog<Alert> alertLog = new CommittedLog<>(kafka, topics.alerts(), alerts::decode)) {
      TrafficFeed feed = new TrafficFeed(List.of(generator("north", EARLY, 1), generator("south", ACROSS_CHANGES, 2)),
          producer, topics.requests(), expected, WINDOW, Duration.ofMillis(250));
      MetricsProcessor first = fleet.start(processor(kafka, topics, processors, "first"));
      ChildJvm second = fleet.start(ProcessorChild.start(kafka.bootstrapServers(), processors, topics,
          stateDir.resolve("processor-second"), stateDir.resolve("processor-second.log")));
      AlertEvaluator firstRules = fleet.start(evaluator(kafka, topics, "first"));
      fleet.start(evaluator(kafka, topics, "second"));

      feed.sendUpTo(12);
      MetricsProcessor third = fleet.start(processor(kafka, topics, processors, "third"));
      await("the third processor owns partitions").atMost(Duration.ofSeconds(60))
          .until(() -> third.streams().metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty()));
      feed.sendUpTo(24);
      fleet.stop(first);
      fleet.stop(firstRules);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        await("the second processor (child JVM) and the third share the input").atMost(Duration.ofSeconds(60))
            .until(() -> bothProcessing(admin, processors));
      }
      feed.sendUpTo(30);
      // No commit, no leaving the group, its open transaction left to time out: its tasks move to the
      // third processor once the session times out (6 s) and resume from its last commit.
      second.kill();
      feed.sendUpTo(WINDOWS);

      await("every window and alert transition").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> {
            assertThat(missing(windowLog.poll(), expected)).as("windows not written yet; apps %s, killed processor's"
                + " output:%n%s", states(), tail(second.output())).isEmpty();
            assertThat(alertLog.poll()).hasSizeGreaterThanOrEqualTo(4);
          });
      fleet.close(); // each commits and leaves: nothing more will be written
      assertWindowsExactlyOnce(windowLog.readToEnd(), expected);
      assertAlertsExactlyOnce(alertLog.readToEnd());
    }
  }

  /** Two members in the processors' group, stable, each with input partitions. */
  private static boolean bothProcessing(Admin admin, String applicationId) throws Exception {
    ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get()
        .get(applicationId);
    return group.groupState() == GroupState.STABLE && group.members().size() == 2
        && group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty());
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 4_000));
  }

  /** The first few expected windows not read yet, oldest first, with their partition and window number. */
  private static List<String> missing(List<RequestWindow> read, ExpectedWindows expected) {
    Set<ExpectedWindows.Key> written = read.stream().map(ExpectedWindows.Key::of).collect(Collectors.toSet());
    return expected.keys().stream().filter(key -> !written.contains(key))
        .sorted(Comparator.comparingLong(ExpectedWindows.Key::windowStart).thenComparing(ExpectedWindows.Key::service))
        .limit(20).map(key -> key + " (partition " + partitionOf(key.service()) + ", window "
            + (key.windowStart() - T0) / WINDOW.toMillis() + ")").toList();
  }

  /** Each app's state, and the processors' late events: what a failure needs to be understood. */
  private String states() {
    return apps.stream().map(app -> app instanceof MetricsProcessor processor
        ? "processor " + processor.state() + " (late events " + lateEvents(processor) + ")"
        : "evaluator " + ((AlertEvaluator) app).state()).toList().toString();
  }

  private static double lateEvents(MetricsProcessor processor) {
    return processor.streams().metrics().entrySet().stream()
        .filter(metric -> metric.getKey().name().equals("late-events-total"))
        .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue()).sum();
  }

  private static void assertWindowsExactlyOnce(List<RequestWindow> read, ExpectedWindows expected) {
    assertThat(expected.keys().stream().map(key -> partitionOf(key.service())).distinct())
        .as("traffic on every partition").hasSize(PARTITIONS);
    Map<ExpectedWindows.Key, List<RequestWindow>> byKey = read.stream()
        .collect(Collectors.groupingBy(ExpectedWindows.Key::of));
    assertThat(byKey.entrySet()).as("windows written more than once")
        .filteredOn(e -> e.getValue().size() > 1).isEmpty();
    assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expected.keys());
    assertThat(expected.mismatches(byKey.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0))))).isEmpty();
  }

  private static void assertAlertsExactlyOnce(List<Alert> read) {
    Map<String, List<Alert>> byFingerprint = read.stream().collect(Collectors.groupingBy(Alert::getFingerprint));
    assertThat(byFingerprint.values()).as("transitions of each alert").allSatisfy(transitions ->
        assertThat(transitions).extracting(Alert::getStatus).containsExactly(AlertStatus.firing, AlertStatus.resolved));
    Map<String, Alert> firingByService = read.stream().filter(a -> a.getStatus() == AlertStatus.firing)
        .collect(Collectors.toMap(a -> a.getLabels().get("service"), Function.identity()));
    assertThat(firingByService).as("an alert for each incident, and for nothing else")
        .containsOnlyKeys(EARLY.service(), ACROSS_CHANGES.service());
    for (Incident incident : List.of(EARLY, ACROSS_CHANGES)) {
      long begins = T0 + incident.after().toMillis();
      long ends = begins + incident.duration().toMillis();
      Alert firing = firingByService.get(incident.service());
      Alert resolved = byFingerprint.get(firing.getFingerprint()).get(1);
      assertThat(firing.getStartsAt()).as("fired during %s's incident", incident.service()).isBetween(begins, ends);
      assertThat(resolved.getEndsAt()).as("resolved after %s's incident", incident.service())
          .isGreaterThanOrEqualTo(ends);
    }
  }

  private MetricsProcessor processor(KafkaTestEnv kafka, Topics topics, String applicationId, String instance) {
    MetricsProcessor started = MetricsProcessor.start(ProcessorChild.config(topics), ProcessorChild.settings(
        kafka.bootstrapServers(), applicationId, stateDir.resolve("processor-" + instance), Map.of()));
    apps.add(started);
    return started;
  }

  private AlertEvaluator evaluator(KafkaTestEnv kafka, Topics topics, String instance) {
    AlertEvaluator started = AlertEvaluator.start(RuleSet.parse(RULES, "scale-out rules"), "scale-out rules",
        EvaluatorConfig.defaults(topics).withWindowSize(WINDOW),
        new EvaluatorSettings(kafka.bootstrapServers(), kafka.uniqueName("rules"), stateDir.resolve("rules-" + instance),
            Duration.ofMillis(100), -1, Map.of(), Optional.empty()));
    apps.add(started);
    return started;
  }

  /** Six services of three routes at 20 requests/s each; p95s well under the rule's 1.5 s outside the incident. */
  private static TrafficGenerator generator(String family, Incident incident, long seed) {
    List<ServiceProfile> services = IntStream.range(0, 6).mapToObj(s -> ServiceProfile.of(family + "-" + s, 20,
        RouteProfile.of("GET /items", 3, 40 + 10 * s, 0.5), RouteProfile.of("POST /items", 1, 90, 0.5),
        RouteProfile.of("GET /search", 2, 120 + 5 * s, 0.4))).toList();
    TrafficProfile profile = new TrafficProfile(services, 0.02, 0.003, LogProfile.none(), Optional.of(incident),
        "production", 1_000, Optional.empty());
    return new TrafficGenerator(profile, seed, T0);
  }

  /** GET /search of {@code service} at about 2.5 s, 5 % 5xx, for whole windows. */
  private static Incident incident(String service, int fromWindow, int windows) {
    return new Incident(service, "GET /search", WINDOW.multipliedBy(fromWindow), WINDOW.multipliedBy(windows),
        new LatencyModel(2500, 0.3), 0.05);
  }

  /** The input partition the default partitioner gives a service's events. */
  private static int partitionOf(String service) {
    return Utils.toPositive(Utils.murmur2(service.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }
}

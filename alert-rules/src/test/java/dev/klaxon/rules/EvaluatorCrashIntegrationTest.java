package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the rules role mid-incident, restart on the same state directory: every transition on
 * klaxon.alerts (read_committed) exactly once and in order. Closed request windows are produced
 * directly to the metrics topic (no processor): each service's error rate goes 0 → 2 % (HighErrorRate
 * warning, {@code for: 2m}: pending, then firing) → 8 % (escalates to critical) → 0.5 % (under
 * resolveBelow: resolved).
 */
@KafkaIntegrationTest
class EvaluatorCrashIntegrationTest {

  private static final int SERVICES = 12;
  private static final int PARTITIONS = 3;
  private static final long T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30))
      .toEpochMilli();
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();
  /** Error rate of every service's minute m. */
  private static final double[] ERROR_RATE = {0, 0, 0.02, 0.02, 0.08, 0.08, 0.005, 0.005};

  @TempDir Path stateDir;
  private final AvroSerde<RequestWindow> windows = AvroSerde.embedded(RequestWindow.class);

  @Test
  void afterAKillMidIncidentAndARestartEveryTransitionAppearsExactlyOnceAndInOrder(KafkaTestEnv kafka)
      throws Exception {
    Topics topics = kafka.createTopics(PARTITIONS);
    Path log = Files.createTempFile("rules-child", ".log");
    Map<String, List<Alert>> byService = new LinkedHashMap<>();
    List<Alert> seenAtKill;

    try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, Alert> alerts = kafka.consumer(new StringDeserializer(),
            AvroSerde.embedded(Alert.class).deserializer())) {
      alerts.subscribe(List.of(topics.alerts()));
      produce(producer, topics, 0, 3); // normal, then 2 % for two windows: pending, then the warning fires

      ChildJvm first = EvaluatorProcess.start(kafka.bootstrapServers(), kafka.applicationId(), topics,
          stateDir, log);
      try {
        await("a warning fires\n" + first.output()).atMost(Duration.ofSeconds(90))
            .until(() -> poll(alerts, byService) > 0);
        produce(producer, topics, 4, 5); // 8 %: escalation in flight...
      } finally {
        first.kill(); // ...when the evaluator dies
      }
      seenAtKill = all(byService);
      assertThat(seenAtKill).as("mid-incident: firing, nothing resolved yet").isNotEmpty()
          .noneMatch(alert -> alert.getStatus() == AlertStatus.resolved);

      produce(producer, topics, 6, 7); // recovery, while no evaluator runs
      try (ChildJvm second = EvaluatorProcess.start(kafka.bootstrapServers(), kafka.applicationId(), topics,
          stateDir, log)) {
        await("every transition\n" + second.output()).atMost(Duration.ofSeconds(120))
            .until(() -> poll(alerts, byService) >= 3 * SERVICES);
        // Give any duplicate the time of many commits to show up before judging.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
            .until(() -> poll(alerts, byService) == 3 * SERVICES);
        assertThat(second.isAlive()).isTrue();
      }
    }

    System.err.println("EvaluatorCrashIntegrationTest: " + seenAtKill.size() + " of " + 3 * SERVICES
        + " transitions committed before the kill");
    assertThat(byService).hasSize(SERVICES);
    byService.forEach((service, transitions) -> {
      assertThat(transitions).as(service).extracting(a -> a.getStatus() + "/" + a.getSeverity())
          .containsExactly("firing/warning", "firing/critical", "resolved/critical");
      assertThat(transitions).as(service).extracting(Alert::getRule).containsOnly("HighErrorRate");
      assertThat(transitions).as(service).extracting(Alert::getFingerprint).containsOnly(
          transitions.get(0).getFingerprint());
    });
  }

  /**
   * Closed windows of minutes {@code from..to} for every service. Each service's windows go to one
   * partition, in order, as the processor publishes a series' windows a minute apart.
   */
  private void produce(KafkaProducer<String, byte[]> producer, Topics topics, int from, int to) throws Exception {
    for (int m = from; m <= to; m++) {
      for (int s = 0; s < SERVICES; s++) {
        String service = "svc-" + s;
        long start = T0 + m * MINUTE;
        RequestWindow window = RequestWindow.newBuilder().setService(service).setRoute("*").setWindowStart(start)
            .setWindowEnd(start + MINUTE).setCount(200).setErrors5xx(0).setErrors4xx(0)
            .setErrorRate(ERROR_RATE[m]).setP50(50).setP95(100).setP99(150).setMax(200).setMean(60)
            .setHistogram(ByteBuffer.allocate(0)).build();
        String key = service + "|*|" + Instant.ofEpochMilli(start) + "/PT1M";
        producer.send(new ProducerRecord<>(topics.requestMetrics(), s % PARTITIONS, start + MINUTE, key,
            windows.encode(window)));
      }
    }
    producer.flush();
  }

  private static int poll(KafkaConsumer<String, Alert> consumer, Map<String, List<Alert>> byService) {
    for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(200))) {
      byService.computeIfAbsent(record.value().getLabels().get("service").toString(), s -> new ArrayList<>())
          .add(record.value());
    }
    return all(byService).size();
  }

  private static List<Alert> all(Map<String, List<Alert>> byService) {
    return byService.values().stream().flatMap(List::stream).toList();
  }
}

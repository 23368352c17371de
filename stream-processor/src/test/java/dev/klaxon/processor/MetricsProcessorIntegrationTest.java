package dev.klaxon.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.kafka.junit.EmbeddedKafkaExtension;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(EmbeddedKafkaExtension.class)
class MetricsProcessorIntegrationTest {

  private static final long T0 = 1_790_000_000_000L; // a fixed past instant: windows close by idle wall clock
  private final AvroSerde<RequestEvent> requests = AvroSerde.embedded(RequestEvent.class);
  private final AvroSerde<RequestWindow> windows = AvroSerde.embedded(RequestWindow.class);

  @TempDir Path stateDir;

  @Test
  void eventsFromAPlainProducerBecomeCommittedMetricWindows(KafkaTestEnv kafka) throws Exception {
    kafka.createTopics(3);
    Topics topics = kafka.topics();
    try (var producer = producer(kafka)) {
      for (int i = 0; i < 300; i++) {
        int status = i % 50 == 0 ? 500 : i % 25 == 0 ? 404 : 200;
        producer.send(new ProducerRecord<>(topics.requests(), "checkout",
            requests.encode(request("checkout", i % 2 == 0 ? "GET /a" : "POST /b", status, 10 + i, T0 + i * 10))));
      }
      LogEvent log = LogEvent.newBuilder().setService("checkout").setLevel(LogLevel.error).setMessage("boom")
          .setTimestamp(T0 + 5).build();
      producer.send(new ProducerRecord<>(topics.logs(), "checkout", AvroSerde.embedded(LogEvent.class).encode(log)));
    }

    MetricsConfig config = new MetricsConfig(topics, List.of(Duration.ofSeconds(1)), Duration.ZERO,
        Duration.ofSeconds(1), Duration.ofMillis(200));
    try (MetricsProcessor processor = MetricsProcessor.start(config, settings(kafka).withHttpPort(0))) {
      List<RequestWindow> out = readUntil(kafka, topics.requestMetrics(), windows, 9);
      Map<String, Long> counts = out.stream().collect(Collectors.toMap(
          w -> w.getRoute() + "@" + (w.getWindowStart() - T0), RequestWindow::getCount));
      assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
          "GET /a@0", 50L, "POST /b@0", 50L, "*@0", 100L,
          "GET /a@1000", 50L, "POST /b@1000", 50L, "*@1000", 100L,
          "GET /a@2000", 50L, "POST /b@2000", 50L, "*@2000", 100L));
      RequestWindow first = out.stream().filter(w -> w.getRoute().equals("*") && w.getWindowStart() == T0)
          .findFirst().orElseThrow();
      assertThat(first.getErrors5xx()).isEqualTo(2);
      assertThat(first.getErrors4xx()).isEqualTo(2);

      List<LogWindow> logs = readUntil(kafka, topics.logMetrics(), AvroSerde.embedded(LogWindow.class), 1);
      assertThat(logs.get(0).getCount()).isEqualTo(1);

      HttpClient http = HttpClient.newHttpClient();
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.httpPort() + "/metrics"))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("kafka_stream");
      int ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.httpPort() + "/health/ready"))
          .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      assertThat(ready).isEqualTo(200);
    }
  }

  @Test
  void aRestartedProcessorRejoinsAtOnceInsteadOfWaitingForItsOldSessionToExpire(KafkaTestEnv kafka) {
    kafka.createTopics(1);
    MetricsConfig config = MetricsConfig.defaults(kafka.topics());
    try (MetricsProcessor first = MetricsProcessor.start(config, settings(kafka))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> first.state() == KafkaStreams.State.RUNNING);
    }
    // The broker's default session timeout is 45 s: a member that did not leave would hold the
    // partitions that long.
    try (MetricsProcessor second = MetricsProcessor.start(config, settings(kafka))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> second.state() == KafkaStreams.State.RUNNING);
    }
  }

  @Test
  void aPoisonRecordIsDeadLetteredWhileLaterRecordsAreProcessed(KafkaTestEnv kafka) throws Exception {
    kafka.createTopics(1);
    Topics topics = kafka.topics();
    try (var producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(topics.requests(), "svc", "garbage".getBytes()));
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topics.requests(), "svc", requests.encode(request("svc", "GET /", 200, 5, T0 + i))));
      }
    }
    MetricsConfig config = new MetricsConfig(topics, List.of(Duration.ofSeconds(1)), Duration.ZERO,
        Duration.ofSeconds(1), Duration.ofMillis(200));
    try (MetricsProcessor ignored = MetricsProcessor.start(config, settings(kafka))) {
      List<ConsumerRecord<byte[], byte[]>> dead = readRawUntil(kafka, topics.deadLetter(), 1);
      assertThat(new String(dead.get(0).value())).isEqualTo("garbage");
      assertThat(new String(dead.get(0).headers().lastHeader("klaxon.error").value())).contains("not a Klaxon RequestEvent");
      assertThat(new String(dead.get(0).headers().lastHeader("klaxon.source.offset").value())).isEqualTo("0");

      List<RequestWindow> out = readUntil(kafka, topics.requestMetrics(), windows, 2);
      assertThat(out).extracting(RequestWindow::getCount).containsOnly(10L);
    }
  }

  @Test
  void afterAnAbruptKillAndRestartEveryWindowAppearsExactlyOnceWithTheRightCounts(KafkaTestEnv kafka) throws Exception {
    kafka.createTopics(3);
    Topics topics = kafka.topics();
    int seconds = 40;
    int perSecond = 400;
    Map<String, Long> expected = new TreeMap<>();
    String[] services = {"checkout", "search", "auth"};
    try (var producer = producer(kafka)) {
      for (int i = 0; i < seconds * perSecond; i++) {
        String service = services[i % services.length];
        long timestamp = T0 + i * 1000L / perSecond;
        producer.send(new ProducerRecord<>(topics.requests(), service,
            requests.encode(request(service, "GET /x", 200, 1 + i % 100, timestamp))));
        long windowStart = timestamp - Math.floorMod(timestamp, 1000);
        expected.merge(service + "|*|" + windowStart, 1L, Long::sum);
        expected.merge(service + "|GET /x|" + windowStart, 1L, Long::sum);
      }
    }

    Path log = Files.createTempFile("processor", ".log");
    ChildJvm first = ProcessorProcess.start(kafka.bootstrapServers(), kafka.applicationId(), topics,
        stateDir.resolve("first"), log);
    List<RequestWindow> seen = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer(kafka, topics.requestMetrics())) {
      // Kill it mid-stream: some windows are out, most are not.
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        poll(consumer, seen);
        return seen.size() >= 6;
      });
      first.kill();
      assertThat(seen.size()).as("killed before the end").isLessThan(expected.size());

      try (ChildJvm second = ProcessorProcess.start(kafka.bootstrapServers(), kafka.applicationId(), topics,
          stateDir.resolve("second"), log)) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
          poll(consumer, seen);
          return seen.size() >= expected.size();
        });
        // Give any duplicate a chance to show up before judging.
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
          poll(consumer, seen);
        }
        assertThat(second.isAlive()).isTrue();
      }
    }
    Map<String, Long> actual = new HashMap<>();
    for (RequestWindow w : seen) {
      String key = w.getService() + "|" + w.getRoute() + "|" + w.getWindowStart();
      assertThat(actual.put(key, w.getCount())).as("window %s emitted twice", key).isNull();
    }
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void openWindowsArePublishedInCommittedTransactionsAtMostOncePerCommitIntervalPerSeries(KafkaTestEnv kafka)
      throws Exception {
    kafka.createTopics(1);
    Topics topics = kafka.topics();
    Duration commitInterval = Duration.ofMillis(500);
    // One-hour windows that the idle wall clock does not close: they stay open for the whole test.
    MetricsConfig config = new MetricsConfig(topics, List.of(Duration.ofHours(1)), Duration.ofSeconds(10),
        Duration.ofHours(1), Duration.ofMillis(200));
    ProcessorSettings settings = new ProcessorSettings(kafka.bootstrapServers(), kafka.applicationId(), stateDir,
        commitInterval, 1, -1, Map.of());
    int bursts = 30;
    long started = System.nanoTime();
    List<RequestWindow> open = new ArrayList<>();
    try (MetricsProcessor processor = MetricsProcessor.start(config, settings);
        var producer = producer(kafka);
        KafkaConsumer<byte[], byte[]> consumer = committedConsumer(kafka, topics.openRequestMetrics())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
      for (int burst = 0; burst < bursts; burst++) { // events arrive all the time, for about 3 s
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>(topics.requests(), "checkout",
              requests.encode(request("checkout", "GET /a", 200, 5, T0 + burst * 10 + i))));
        }
        producer.flush();
        Thread.sleep(100);
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> open.add(windows.decode(r.value())));
        return open.stream().anyMatch(w -> w.getRoute().equals("GET /a") && w.getCount() == bursts * 10);
      });
    }
    long elapsedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

    List<Long> counts = open.stream().filter(w -> w.getRoute().equals("GET /a")).map(RequestWindow::getCount).toList();
    assertThat(counts).as("each publication carries new running values").isSorted().doesNotHaveDuplicates();
    assertThat((long) counts.size()).as("publications of one series in %d ms", elapsedMs)
        .isGreaterThan(1).isLessThanOrEqualTo(elapsedMs / commitInterval.toMillis() + 1);
    assertThat(open.stream().filter(w -> w.getRoute().equals("*")).count()).isEqualTo(counts.size());
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer, List<RequestWindow> into) {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      into.add(windows.decode(record.value()));
    }
  }

  private static RequestEvent request(String service, String route, int status, double durationMs, long timestamp) {
    return RequestEvent.newBuilder().setService(service).setRoute(route).setStatus(status)
        .setDurationMs(durationMs).setTimestamp(timestamp).build();
  }

  private ProcessorSettings settings(KafkaTestEnv kafka) {
    return new ProcessorSettings(kafka.bootstrapServers(), kafka.applicationId(), stateDir, Duration.ofMillis(100), 1,
        -1, Map.of());
  }

  private static KafkaProducer<String, byte[]> producer(KafkaTestEnv kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> committedConsumer(KafkaTestEnv kafka, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.applicationId() + "-reader-" + topic);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static List<ConsumerRecord<byte[], byte[]>> readRawUntil(KafkaTestEnv kafka, String topic, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = committedConsumer(kafka, topic)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= count;
      });
    }
    return records;
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> List<T> readUntil(KafkaTestEnv kafka, String topic,
      AvroSerde<T> serde, int count) {
    return readRawUntil(kafka, topic, count).stream().map(r -> serde.decode(r.value())).toList();
  }
}

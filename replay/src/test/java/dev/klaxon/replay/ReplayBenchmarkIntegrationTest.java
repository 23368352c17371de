package dev.klaxon.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.serde.AvroSerdes;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replay speed on the processor benchmark's data (design §6: 20 services × 10 routes, 5,000 requests/s of
 * event time, registry-free Avro, 3 partitions). Not part of the test run: a figure, not a check.
 *
 * <pre>mvn -B verify -pl replay -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=ReplayBenchmarkIntegrationTest -Dklaxon.replay.bench.events=2000000</pre>
 */
@KafkaIntegrationTest
@EnabledIfSystemProperty(named = "klaxon.replay.bench.events", matches = "\\d+")
class ReplayBenchmarkIntegrationTest {

  @Test
  void replaysTheBenchmarkData(KafkaTestEnv kafka) {
    long events = Long.parseLong(System.getProperty("klaxon.replay.bench.events"));
    Topics live = kafka.createTopics(3);
    TrafficProfile profile = TrafficProfile.benchmark();
    long spanMs = (long) (events / profile.requestsPerSecond() * 1000);
    Instant start = Instant.now().minus(Duration.ofMinutes(30));
    AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    Map<String, Object> props = kafka.producerProperties();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    TrafficGenerator generator = new TrafficGenerator(profile, 1, start.toEpochMilli());
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      EventSink sink = new EventSink() {
        @Override
        public void request(RequestEvent event) {
          producer.send(new ProducerRecord<>(live.requests(), null, event.getTimestamp(), event.getService(),
              serde.encode(event)));
        }

        @Override
        public void log(LogEvent event) {}
      };
      for (long i = 0; i < events; i++) {
        generator.emitNext(sink);
      }
      producer.flush();
    }

    ReplayRange range = new ReplayRange(start, start.plusMillis(spanMs), Duration.ofMinutes(1), Duration.ofSeconds(10));
    ReplayRequest request = new ReplayRequest(range, Set.of(), RuleSet.defaults(), SinkConfig.defaults(), false);
    Replay replay = new Replay(new KafkaCluster(kafka.bootstrapServers(), Optional.empty(), live, Map.of()),
        AvroSerdes.embedded(), Clock.systemUTC());
    long began = System.nanoTime();
    ReplayResult result = replay.run(request, ReplayProgress.none());
    long reportBegan = System.nanoTime();
    // The report too (with the timeline's pending spans): the command's time is until the file is written.
    String html = dev.klaxon.replay.report.ReportFormat.HTML.render(dev.klaxon.replay.report.ReportBuilder.build(
        result, "shipped rules", "shipped routing", System.currentTimeMillis()));
    double reportSeconds = (System.nanoTime() - reportBegan) / 1e9;
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf("replay benchmark: %,d events read, %,d replayed, %,d request windows, copy %.1f s, metrics %.1f s,"
            + " rules %.1f s, report %.1f s (%,d bytes), total %.1f s: %,.0f events/s overall%n", result.eventsRead(),
        result.eventsReplayed(), result.requestWindows().size(), result.copyTime().toMillis() / 1000.0,
        result.metricsTime().toMillis() / 1000.0, result.rulesTime().toMillis() / 1000.0, reportSeconds, html.length(),
        seconds, result.eventsRead() / seconds);
    assertThat(result.eventsRead()).isGreaterThanOrEqualTo(events - 10_000);
  }
}

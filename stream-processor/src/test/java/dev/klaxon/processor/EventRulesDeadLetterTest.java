package dev.klaxon.processor;

import static dev.klaxon.processor.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.klaxon.runtime.streams.DecodingProcessor;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.validation.EventLimits;
import dev.klaxon.schemas.validation.EventRuleException;
import dev.klaxon.schemas.validation.EventRules;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Records that break the shared event rules go to the dead-letter topic, the field named, and never into a window. */
class EventRulesDeadLetterTest {

  private TopologyFixture fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows());

  @AfterEach
  void close() {
    fixture.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1e300     | durationMs must be at most 1d, got 1.0E300",
      "NaN       | durationMs must be a finite number, got NaN",
      "Infinity  | durationMs must be a finite number, got Infinity",
      "-Infinity | durationMs must be a finite number, got -Infinity",
      "-1        | durationMs must be >= 0, got -1.0"})
  void anAbsurdDurationIsDeadLetteredNamingTheFieldAndLeavesTheWindowAlone(String duration, String error) {
    fixture.request("api", "GET /a", 200, 10, at("1S"));
    fixture.request("api", "GET /a", 200, Double.parseDouble(duration), at("2S"));
    fixture.request("api", "GET /a", 200, 20, at("3S"));
    fixture.request("api", "GET /a", 200, 10, at("80S")); // closes [0, 60)

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).singleElement().satisfies(record -> {
      assertThat(header(record, "klaxon.error")).isEqualTo(error);
      assertThat(header(record, "klaxon.error.class")).isEqualTo(EventRuleException.class.getName());
      assertThat(header(record, "klaxon.source.offset")).isEqualTo("1");
    });
    RequestWindow window = fixture.requestWindows.readValuesToList().stream()
        .filter(w -> w.getRoute().equals("GET /a")).findFirst().orElseThrow();
    assertThat(window.getCount()).isEqualTo(2);
    assertThat(window.getMax()).isEqualTo(20.0);
    assertThat(window.getMean()).isEqualTo(15.0);
    assertThat(window.getP99()).isCloseTo(20.0, within(0.1));
  }

  @Test
  void theMaximumDurationComesFromTheConfig() {
    fixture.close();
    fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows()
        .withEventLimits(EventLimits.defaults().withMaxDuration(Duration.ofSeconds(30))));

    fixture.request("api", "GET /a", 200, 30_000, at("1S"));
    fixture.request("api", "GET /a", 200, 30_001, at("2S"));

    assertThat(fixture.deadLetters.readRecordsToList()).singleElement()
        .satisfies(r -> assertThat(header(r, "klaxon.error")).isEqualTo("durationMs must be at most 30s, got 30001.0"));
  }

  @Test
  void aLogThatBreaksARuleIsDeadLetteredAndNotCounted() {
    fixture.log("api", LogLevel.error, at("1S"));
    fixture.log("api", LogLevel.error, 1_700_000_000L); // epoch seconds sent as milliseconds
    fixture.log("api", LogLevel.error, at("80S"));

    assertThat(fixture.deadLetters.readRecordsToList()).singleElement().satisfies(r ->
        assertThat(header(r, "klaxon.error")).startsWith("timestamp must not be before 2000-01-01T00:00:00Z")
            .contains("epoch seconds?"));
    assertThat(fixture.logWindows.readValuesToList()).extracting(LogWindow::getCount).containsExactly(1L);
  }

  /**
   * No processor pipeline aggregates costs yet; the decode step every pipeline uses is driven here
   * with costs, so the spend aggregation inherits the check.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "250000 | costUsd must be at most 10000 per event, got 250000",
      "-0.01  | costUsd must be >= 0, got -0.01"})
  void anAbsurdOrNegativeCostIsDeadLetteredByTheSharedDecodeStep(String costUsd, String error) {
    AvroSerde<CostEvent> costs = AvroSerde.embedded(CostEvent.class);
    Topology topology = new Topology();
    topology.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), "costs")
        .addProcessor("decode", () -> new DecodingProcessor<>(
            DecodingProcessor.validEvents(costs, "costs", EventRules.of(EventLimits.defaults())), "valid", "dead"), "source")
        .addSink("valid", "valid-costs", new StringSerializer(), costs.serializer(), "decode")
        .addSink("dead", "deadletter", new ByteArraySerializer(), new ByteArraySerializer(), "decode");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "costs-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
      TestInputTopic<String, byte[]> input = driver.createInputTopic("costs", new StringSerializer(),
          new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic("deadletter", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());
      TestOutputTopic<byte[], byte[]> valid = driver.createOutputTopic("valid-costs", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());

      input.pipeInput("u1", costs.encode(CostEvent.newBuilder().setService("llm").setUserId("u1")
          .setProvider("aws").setCostUsd(new BigDecimal(costUsd)).setTimestamp(at("1S")).build()), at("1S"));

      assertThat(dead.readRecordsToList()).singleElement()
          .satisfies(r -> assertThat(header(r, "klaxon.error")).isEqualTo(error));
      assertThat(valid.isEmpty()).as("not passed on to an aggregation").isTrue();
    }
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value());
  }
}

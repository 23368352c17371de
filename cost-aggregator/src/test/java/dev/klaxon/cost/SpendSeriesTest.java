package dev.klaxon.cost;

import static dev.klaxon.cost.SpendFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service series, units, repartitioning, open running totals, idle close and the overflow guard. */
class SpendSeriesTest {

  private SpendFixture fixture = new SpendFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static CostEvent cost(String user, String service, String provider, String usd, String instant) {
    return CostEvent.newBuilder(SpendFixture.event(user, provider, usd, at(instant))).setService(service).build();
  }

  @Test
  void serviceSeriesSumAllUsersOfAServicePerProviderAndInTotal() {
    fixture.send(cost("alice", "chat", "openai", "1.5", "2027-03-10T10:00:01Z"));
    fixture.send(cost("bob", "chat", "openai", "2", "2027-03-10T10:00:02Z"));
    fixture.send(cost("bob", "chat", "gemini", "0.25", "2027-03-10T10:00:03Z"));
    fixture.send(cost("bob", "search", "openai", "7", "2027-03-10T10:00:04Z"));
    fixture.closeEverything();

    SpendWindow chatOpenai = fixture.window("*|openai|2027-03-10T10:00:00Z/minute|service=chat");
    assertThat(chatOpenai.getCostUsd()).isEqualTo(new BigDecimal("3.500000000"));
    assertThat(chatOpenai.getEvents()).isEqualTo(2);
    assertThat(chatOpenai.getUserId()).isEqualTo("*");
    assertThat(chatOpenai.getService()).isEqualTo("chat");
    assertThat(fixture.window("*|*|2027-03-01T00:00:00Z/month|service=chat").getCostUsd())
        .isEqualTo(new BigDecimal("3.750000000"));
    assertThat(fixture.window("*|*|2027-03-10T00:00:00Z/day|service=search").getCostUsd())
        .isEqualTo(new BigDecimal("7.000000000"));
    assertThat(fixture.window("bob|*|2027-03-10T10:00:00Z/minute").getService()).isNull();
    assertThat(fixture.window("bob|*|2027-03-10T10:00:00Z/minute").getCostUsd())
        .isEqualTo(new BigDecimal("9.250000000"));
  }

  @Test
  void unitsAreSummedPerUnitTypeAndEventsWithoutOneAddNone() {
    fixture.send(CostEvent.newBuilder(cost("alice", "chat", "openai", "1", "2027-03-10T10:00:01Z"))
        .setUnits(1500.0).setUnitType("tokens").build());
    fixture.send(CostEvent.newBuilder(cost("alice", "chat", "openai", "1", "2027-03-10T10:00:02Z"))
        .setUnits(500.0).setUnitType("tokens").build());
    fixture.send(CostEvent.newBuilder(cost("alice", "chat", "openai", "1", "2027-03-10T10:00:03Z"))
        .setUnits(2.0).setUnitType("images").build());
    fixture.send(cost("alice", "chat", "openai", "1", "2027-03-10T10:00:04Z"));
    fixture.closeEverything();

    Map<String, Double> expected = Map.of("tokens", 2000.0, "images", 2.0);
    assertThat(fixture.window("alice|openai|2027-03-10T10:00:00Z/minute").getUnits()).isEqualTo(expected);
    assertThat(fixture.window("alice|*|2027-03-01T00:00:00Z/month").getUnits()).isEqualTo(expected);
    assertThat(fixture.window("*|openai|2027-03-10T10:00:00Z/hour|service=chat").getUnits()).isEqualTo(expected);
    assertThat(fixture.window("alice|openai|2027-03-10T10:00:00Z/minute").getEvents()).isEqualTo(4);
  }

  @Test
  void eachSeriesKindIsRepartitionedByItsOwnerWhateverTheInputKey() {
    CostEvent event = cost("alice", "chat", "openai", "1", "2027-03-10T10:00:01Z");
    fixture.costs.pipeInput("some-other-key", SpendFixture.COST_SERDE.encode(event), event.getTimestamp());

    TestOutputTopic<byte[], byte[]> byUser = repartition("spend-by-user");
    TestOutputTopic<byte[], byte[]> byService = repartition("spend-by-service");
    List<TestRecord<byte[], byte[]>> users = byUser.readRecordsToList();
    assertThat(users).singleElement().satisfies(r -> {
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
      assertThat(r.value()).isEqualTo(SpendFixture.COST_SERDE.encode(event)); // the original bytes, not re-encoded
    });
    assertThat(byService.readRecordsToList()).singleElement()
        .satisfies(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("chat"));
    String description = fixture.driver.producedTopicNames().toString();
    assertThat(description).contains("spend-topology-test-spend-by-user-repartition",
        "spend-topology-test-spend-by-service-repartition");
  }

  private TestOutputTopic<byte[], byte[]> repartition(String name) {
    return fixture.driver.createOutputTopic(SpendFixture.APPLICATION_ID + "-" + name + "-repartition",
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Test
  void runningTotalsOfOpenDayAndMonthWindowsArePublishedOncePerCommitIntervalWhenChanged() {
    fixture.cost("alice", "openai", "1", "2027-03-10T10:00:01Z");
    fixture.cost("alice", "openai", "2", "2027-03-10T10:00:02Z");
    fixture.nextCommitInterval();
    List<KeyValue<String, SpendWindow>> first = fixture.openSpend.readKeyValuesToList();
    assertThat(first).extracting(kv -> kv.key).containsExactlyInAnyOrder(
        "alice|openai|2027-03-10T00:00:00Z/day", "alice|*|2027-03-10T00:00:00Z/day",
        "alice|openai|2027-03-01T00:00:00Z/month", "alice|*|2027-03-01T00:00:00Z/month",
        "*|openai|2027-03-10T00:00:00Z/day|service=llm-gateway", "*|*|2027-03-10T00:00:00Z/day|service=llm-gateway",
        "*|openai|2027-03-01T00:00:00Z/month|service=llm-gateway", "*|*|2027-03-01T00:00:00Z/month|service=llm-gateway");
    assertThat(first.get(0).value.getCostUsd()).isEqualTo(new BigDecimal("3.000000000"));

    fixture.nextCommitInterval();
    assertThat(fixture.openSpend.isEmpty()).as("nothing changed: nothing published").isTrue();

    fixture.send(cost("bob", "other", "gemini", "5", "2027-03-10T10:00:03Z"));
    fixture.nextCommitInterval();
    assertThat(fixture.openSpend.readKeyValuesToList()).extracting(kv -> kv.key)
        .allMatch(key -> key.startsWith("bob|") || key.endsWith("service=other")).hasSize(8);
    assertThat(fixture.windows()).as("still open").isEmpty();
  }

  @Test
  void windowsOfAPartitionThatWentIdleCloseByTheWallClock() {
    fixture.close();
    fixture = new SpendFixture(SpendFixture.CONFIG.withGranularities(List.of(Granularity.MINUTE)));
    // The driver's wall clock starts at 2027-01-01T00:00Z; the event is a minute before.
    fixture.cost("alice", "openai", "1", "2026-12-31T23:59:00Z");
    fixture.passWallClock(Duration.ofSeconds(5));
    assertThat(fixture.windows()).isEmpty();

    fixture.passWallClock(Duration.ofSeconds(10)); // idle for the grace: end + grace has passed
    assertThat(fixture.windows()).containsKeys("alice|openai|2026-12-31T23:59:00Z/minute",
        "*|*|2026-12-31T23:59:00Z/minute|service=llm-gateway");
  }

  @Test
  void anEventThatWouldOverflowAWindowIsDeadLetteredAndTheWindowStaysIntact() {
    // The per-event maximum is raised to what costUsd holds, so two events can overflow a month.
    fixture.close();
    fixture = new SpendFixture(new SpendConfig(SpendFixture.TOPICS, List.of(Granularity.MINUTE, Granularity.MONTH),
        SpendConfig.DEFAULT_GRACE, dev.klaxon.schemas.validation.EventLimits.defaults()
            .withMaxCostUsd(new BigDecimal("99999999999.999999999")))
        .withStores(SpendConfig.Stores.IN_MEMORY));
    fixture.cost("alice", "openai", "60000000000", "2027-03-10T10:00:01Z");
    fixture.cost("alice", "openai", "50000000000", "2027-03-10T10:05:01Z"); // month would hold 110e9
    fixture.cost("alice", "openai", "1", "2027-03-10T10:06:01Z");
    fixture.closeEverything();

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).isNotEmpty();
    String error = new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.ERROR).value(), StandardCharsets.UTF_8);
    assertThat(error).contains("costUsd", "2027-03-01T00:00:00Z/month", "decimal(20, 9)");
    assertThat(fixture.window("alice|openai|2027-03-01T00:00:00Z/month").getCostUsd())
        .isEqualTo(new BigDecimal("60000000001.000000000"));
    assertThat(fixture.windows()).doesNotContainKey("alice|openai|2027-03-10T10:05:00Z/minute");
    assertThat(fixture.metric("spend-overflows-total")).isGreaterThanOrEqualTo(1.0);
  }
}

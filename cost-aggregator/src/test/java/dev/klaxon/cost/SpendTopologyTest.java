package dev.klaxon.cost;

import static dev.klaxon.cost.SpendFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpendTopologyTest {

  private final SpendFixture fixture = new SpendFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  private static void assertSpend(SpendWindow window, String costUsd, long events) {
    assertThat(window.getCostUsd()).isEqualTo(new BigDecimal(costUsd)); // equals: value and scale 9
    assertThat(window.getEvents()).isEqualTo(events);
  }

  @Test
  void theInputPartitionReachesTheWindowStepThroughTheRepartitionInAHeader() {
    // One input partition named: if the window step did not hear it as partition 0 (the header lost on the way),
    // that partition would hold every window open until the wall clock's start wait, which never passes here.
    try (SpendFixture named = new SpendFixture(SpendFixture.CONFIG.withInputPartitions(1))) {
      named.cost("alice", "openai", "1.5", "2027-03-10T10:00:05Z");
      named.closeEverything();

      assertSpend(named.window("alice|openai|2027-03-10T10:00:00Z/minute"), "1.500000000", 1);
      assertSpend(named.window("*|openai|2027-03-10T10:00:00Z/minute|service=" + SpendFixture.SERVICE),
          "1.500000000", 1);
    }
  }

  @Test
  void sumsSpendPerWindowOfEachGranularity() {
    fixture.cost("alice", "openai", "1.100000000", "2027-03-10T10:00:05Z");
    fixture.cost("alice", "openai", "0.25", "2027-03-10T10:00:50Z");
    fixture.cost("alice", "openai", "2", "2027-03-10T10:01:30Z");
    fixture.cost("alice", "openai", "0.000000007", "2027-03-10T11:59:59.999Z");
    fixture.closeEverything();

    assertSpend(fixture.window("alice|openai|2027-03-10T10:00:00Z/minute"), "1.350000000", 2);
    assertSpend(fixture.window("alice|openai|2027-03-10T10:01:00Z/minute"), "2.000000000", 1);
    assertSpend(fixture.window("alice|openai|2027-03-10T11:59:00Z/minute"), "0.000000007", 1);
    assertSpend(fixture.window("alice|openai|2027-03-10T10:00:00Z/hour"), "3.350000000", 3);
    assertSpend(fixture.window("alice|openai|2027-03-10T11:00:00Z/hour"), "0.000000007", 1);
    assertSpend(fixture.window("alice|openai|2027-03-10T00:00:00Z/day"), "3.350000007", 4);
    SpendWindow month = fixture.window("alice|openai|2027-03-01T00:00:00Z/month");
    assertSpend(month, "3.350000007", 4);
    assertThat(month.getGranularity()).isEqualTo("month");
    assertThat(month.getWindowStart()).isEqualTo(at("2027-03-01T00:00:00Z"));
    assertThat(month.getWindowEnd()).isEqualTo(at("2027-04-01T00:00:00Z"));
    assertThat(fixture.windows().keySet().stream().filter(k -> k.startsWith("alice|openai|"))).hasSize(7);
  }

  @Test
  void aWindowIsEmittedOnceWhenEventTimePassesItsEndPlusGrace() {
    fixture.cost("alice", "openai", "1", "2027-03-10T10:00:30Z");
    fixture.cost("alice", "openai", "1", "2027-03-10T10:01:09.999Z"); // 1 ms short of end + 10 s grace
    assertThat(fixture.windows()).isEmpty();

    fixture.cost("alice", "openai", "1", "2027-03-10T10:00:59Z"); // late, within grace: summed
    fixture.cost("alice", "openai", "1", "2027-03-10T10:01:10Z"); // closes [10:00, 10:01)
    assertThat(fixture.windows().keySet()).containsExactlyInAnyOrder(
        "alice|openai|2027-03-10T10:00:00Z/minute", "alice|*|2027-03-10T10:00:00Z/minute",
        "*|openai|2027-03-10T10:00:00Z/minute|service=llm-gateway", "*|*|2027-03-10T10:00:00Z/minute|service=llm-gateway");
    assertSpend(fixture.window("alice|openai|2027-03-10T10:00:00Z/minute"), "2.000000000", 2);

    fixture.cost("alice", "openai", "5", "2027-03-10T10:00:40Z"); // after the close: dropped for the minute
    fixture.closeEverything();
    assertSpend(fixture.window("alice|openai|2027-03-10T10:00:00Z/minute"), "2.000000000", 2);
    assertSpend(fixture.window("alice|openai|2027-03-10T10:00:00Z/hour"), "9.000000000", 5); // hour still open
  }

  @ParameterizedTest(name = "{0}: {1} days")
  @CsvSource({
      "2027-02, 28, 2027-03",
      "2028-02, 29, 2028-03",
      "2027-04, 30, 2027-05",
      "2027-01, 31, 2027-02",
      "2027-12, 31, 2028-01"})
  void aMonthIsACalendarMonth(String month, int days, String nextMonth) {
    long start = at(month + "-01T00:00:00Z");
    long end = at(nextMonth + "-01T00:00:00Z");
    assertThat(end - start).isEqualTo(Duration.ofDays(days).toMillis());

    fixture.cost("alice", "openai", "1.5", start);
    fixture.cost("alice", "openai", "0.000000001", end - 1); // last millisecond of the month
    fixture.cost("alice", "openai", "7", end); // first millisecond of the next month
    fixture.closeEverything();

    SpendWindow window = fixture.window("alice|openai|" + month + "-01T00:00:00Z/month");
    assertSpend(window, "1.500000001", 2);
    assertThat(window.getWindowStart()).isEqualTo(start);
    assertThat(window.getWindowEnd()).isEqualTo(end);
    SpendWindow next = fixture.window("alice|openai|" + nextMonth + "-01T00:00:00Z/month");
    assertSpend(next, "7.000000000", 1);
    assertThat(next.getWindowStart()).isEqualTo(end);
    // The last day of the month is its own day window, ending where the month ends.
    SpendWindow lastDay = fixture.window("alice|openai|" + month + "-" + days + "T00:00:00Z/day");
    assertSpend(lastDay, "0.000000001", 1);
    assertThat(lastDay.getWindowEnd()).isEqualTo(end);
  }

  @Test
  void nanoDollarsSumExactlyThroughTheWholeTopology() {
    // The driver commits, and so writes a checkpoint, after every record at each of the three steps:
    // about 1.2 ms per event even with in-memory stores (1,000,000 took 19 minutes). 1,000 keep the
    // point end to end; SpendWindowProcessorTest sums a million without the driver.
    int events = 1_000;
    long time = at("2027-03-10T10:00:30Z");
    byte[] nanoDollar = SpendFixture.COST_SERDE.encode(SpendFixture.event("alice", "openai", "0.000000001", time));
    for (int i = 0; i < events; i++) {
      fixture.costs.pipeInput("alice", nanoDollar, time);
    }
    fixture.closeEverything();

    for (String window : List.of("2027-03-10T10:00:00Z/minute", "2027-03-10T10:00:00Z/hour",
        "2027-03-10T00:00:00Z/day", "2027-03-01T00:00:00Z/month")) {
      assertSpend(fixture.window("alice|openai|" + window), "0.000001000", events);
      assertSpend(fixture.window("alice|*|" + window), "0.000001000", events);
      assertSpend(fixture.window("*|*|" + window + "|service=llm-gateway"), "0.000001000", events);
    }
  }

  @Test
  void providerStarSumsEachUserAcrossProviders() {
    fixture.cost("alice", "openai", "1.5", "2027-03-10T10:00:01Z");
    fixture.cost("alice", "gemini", "0.25", "2027-03-10T10:00:02Z");
    fixture.cost("alice", "stripe", "0.3", "2027-03-10T10:00:03Z");
    fixture.cost("bob", "openai", "9", "2027-03-10T10:00:04Z");
    fixture.closeEverything();

    assertSpend(fixture.window("alice|*|2027-03-10T10:00:00Z/minute"), "2.050000000", 3);
    assertSpend(fixture.window("alice|*|2027-03-01T00:00:00Z/month"), "2.050000000", 3);
    assertSpend(fixture.window("alice|gemini|2027-03-10T10:00:00Z/minute"), "0.250000000", 1);
    assertSpend(fixture.window("bob|*|2027-03-10T10:00:00Z/minute"), "9.000000000", 1);
    assertSpend(fixture.window("bob|openai|2027-03-10T10:00:00Z/minute"), "9.000000000", 1);
    assertThat(fixture.window("alice|*|2027-03-10T00:00:00Z/day").getProvider()).isEqualTo("*");
  }

  @Test
  void negativeAbsurdAndUndecodableCostsAreDeadLetteredAndNotSummed() {
    fixture.cost("alice", "openai", "1", "2027-03-10T10:00:01Z");
    fixture.cost("alice", "openai", "-0.5", "2027-03-10T10:00:02Z");
    fixture.cost("alice", "openai", "1000000", "2027-03-10T10:00:03Z"); // above the 10,000 per-event maximum
    fixture.cost("", "openai", "1", "2027-03-10T10:00:04Z"); // no user
    fixture.costs.pipeInput("alice", "not avro".getBytes(StandardCharsets.UTF_8), at("2027-03-10T10:00:05Z"));
    fixture.closeEverything();

    List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
    assertThat(dead).hasSize(4);
    assertThat(header(dead.get(0), DeadLetterHeaders.ERROR)).contains("costUsd").contains(">= 0");
    assertThat(header(dead.get(1), DeadLetterHeaders.ERROR)).contains("costUsd").contains("10000");
    assertThat(header(dead.get(2), DeadLetterHeaders.ERROR)).contains("userId");
    assertThat(header(dead.get(3), DeadLetterHeaders.ERROR)).contains("CostEvent");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("klaxon.costs");
    assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(dead.get(3).value()).isEqualTo("not avro".getBytes(StandardCharsets.UTF_8)); // original bytes

    assertSpend(fixture.window("alice|openai|2027-03-10T10:00:00Z/minute"), "1.000000000", 1);
    assertSpend(fixture.window("alice|*|2027-03-01T00:00:00Z/month"), "1.000000000", 1);
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    assertThat(header).as("header " + name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}

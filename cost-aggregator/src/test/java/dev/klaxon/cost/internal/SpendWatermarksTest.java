package dev.klaxon.cost.internal;

import static dev.klaxon.cost.internal.WindowStep.at;
import static dev.klaxon.cost.internal.WindowStep.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.schemas.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When windows close after the repartition: a watermark per upstream partition of the input, the
 * lowest of the active ones closing windows. The input has two partitions, 0 and 1, the "sources";
 * minute windows, 10 s grace, idle close 10 s. The wall clock stays before the events (a backlog), so the
 * task's own wall-clock close never closes anything in these tests unless said.
 */
class SpendWatermarksTest {

  private static final SpendConfig CONFIG = SpendConfig.defaults(Topics.defaults())
      .withGranularities(List.of(Granularity.MINUTE)).withStores(SpendConfig.Stores.IN_MEMORY)
      .withIdleClose(Duration.ofSeconds(10)).withInputPartitions(2);
  private static final long WALL_CLOCK = at("2027-03-10T09:00:00Z");
  private static final String MINUTE_10_00 = "alice|openai|2027-03-10T10:00:00Z/minute";
  private static final String ALL_10_00 = "alice|*|2027-03-10T10:00:00Z/minute";

  private final WindowStep step = new WindowStep(SpendSeries.USER, CONFIG, WALL_CLOCK);

  @Test
  void aLaggingSourcesOldEventsAreCountedWhileAnotherSourceIsAnHourAhead() {
    step.send(0, event("alice", "1.000000001", at("2027-03-10T11:00:00Z")));
    step.send(0, event("alice", "1", at("2027-03-10T11:00:30Z")));
    step.send(1, event("alice", "0.25", at("2027-03-10T10:00:10Z"))); // an hour behind source 0
    step.send(1, event("alice", "0.5", at("2027-03-10T10:00:50Z")));
    assertThat(step.closed).isEmpty(); // source 1 holds the minute open

    step.send(1, event("alice", "2", at("2027-03-10T10:01:10Z"))); // source 1 passes 10:01 + grace

    assertThat(step.closed).containsOnlyKeys(MINUTE_10_00, ALL_10_00);
    assertThat(step.closed.get(MINUTE_10_00).getCostUsd()).isEqualTo(new BigDecimal("0.750000000"));
    assertThat(step.closed.get(MINUTE_10_00).getEvents()).isEqualTo(2);
    assertThat(step.lateEvents()).isZero();
  }

  @Test
  void aSourceThatStopsSendingHoldsWindowsBackOnlyUntilItIsIdleForIdleClose() {
    step.send(1, event("alice", "0.25", at("2027-03-10T10:00:10Z")));
    step.send(0, event("alice", "1", at("2027-03-10T10:05:00Z")));
    for (int second = 0; second < 9; second++) { // source 0 goes on sending; source 1 is silent
      step.passWallClock(1_000);
      step.send(0, event("bob", "1", at("2027-03-10T10:05:00Z")));
    }
    assertThat(step.closed).as("source 1 silent for 9 s, less than idleClose").isEmpty();

    step.passWallClock(1_000);
    step.passWallClock(1_000);

    assertThat(step.closed).containsOnlyKeys(MINUTE_10_00, ALL_10_00);
    assertThat(step.closed.get(MINUTE_10_00).getCostUsd()).isEqualTo(new BigDecimal("0.250000000"));
    // Closed by source 0's watermark (10:05), not by the wall clock, which is hours before the events.
    step.send(1, event("alice", "0.5", at("2027-03-10T10:03:00Z")));
    assertThat(step.lateEvents()).as("source 1 back, but its minute closed").isEqualTo(1);
  }

  @Test
  void withoutTheInputsPartitionCountTheFirstPartitionReadClosesWhatAnotherStillHoldsEventsFor() {
    WindowStep unknownCount = new WindowStep(SpendSeries.USER, CONFIG.withInputPartitions(0), WALL_CLOCK);
    unknownCount.send(0, event("alice", "1", at("2027-03-10T11:00:00Z")));
    unknownCount.send(1, event("alice", "0.25", at("2027-03-10T10:00:10Z")));
    assertThat(unknownCount.lateEvents()).as("why the count is worth looking up").isEqualTo(1);
  }

  @Test
  void anInputPartitionThatNeverSendsHereHoldsWindowsBackOnlyForTheStartWait() {
    step.send(0, event("alice", "1", at("2027-03-10T10:00:10Z")));
    for (int second = 0; second < 29; second++) {
      step.passWallClock(1_000);
      step.send(0, event("alice", "1", at("2027-03-10T10:05:00Z")));
    }
    assertThat(step.closed).as("partition 1 might still have a backlog").isEmpty();

    step.passWallClock(2_000);

    assertThat(step.closed).containsKeys(MINUTE_10_00, ALL_10_00);
    assertThat(step.closed.get(MINUTE_10_00).getEvents()).isEqualTo(1);
  }

  @Test
  void aStallIsNotSilence() {
    step.send(1, event("alice", "0.25", at("2027-03-10T10:00:10Z")));
    step.send(0, event("alice", "1", at("2027-03-10T10:05:00Z")));
    step.passWallClock(2_000);

    step.jumpWallClock(60_000); // the task did not run for a minute: nobody was heard, nobody was idle
    step.send(0, event("alice", "1", at("2027-03-10T10:05:01Z")));
    step.passWallClock(2_000);

    assertThat(step.closed).as("source 1 may have records waiting behind the stall").isEmpty();
    step.send(1, event("alice", "0.5", at("2027-03-10T10:00:20Z")));
    assertThat(step.lateEvents()).isZero();
  }

  @Test
  void aRestartKeepsTheWatermarksSoALaggingSourceStillHoldsWindowsBack() {
    step.send(0, event("alice", "1", at("2027-03-10T10:58:00Z")));
    step.send(1, event("alice", "0.25", at("2027-03-10T10:00:10Z")));
    step.send(0, event("alice", "1", at("2027-03-10T11:00:00Z")));
    step.passWallClock(1_000); // a commit interval: the watermarks are written
    assertThat(step.closed).isEmpty();

    step.restart();
    step.send(0, event("alice", "1", at("2027-03-10T11:00:05Z"))); // source 0 alone would close 10:00
    assertThat(step.closed).as("source 1, known from the store, holds windows back after the restart").isEmpty();

    step.send(1, event("alice", "0.5", at("2027-03-10T10:00:40Z")));
    step.send(1, event("alice", "1", at("2027-03-10T10:01:10Z")));

    assertThat(step.closed).containsOnlyKeys(MINUTE_10_00, ALL_10_00);
    assertThat(step.closed.get(MINUTE_10_00).getCostUsd()).isEqualTo(new BigDecimal("0.750000000"));
    assertThat(step.lateEvents()).isZero();
  }

  @Test
  void aRestartKeepsClosedWindowsClosed() {
    step.send(0, event("alice", "1", at("2027-03-10T10:00:30Z")));
    step.send(1, event("alice", "1", at("2027-03-10T10:00:40Z")));
    step.send(0, event("alice", "1", at("2027-03-10T10:01:20Z")));
    step.send(1, event("alice", "1", at("2027-03-10T10:01:30Z")));
    assertThat(step.closed).containsOnlyKeys(MINUTE_10_00, ALL_10_00);

    step.restart();
    step.send(1, event("alice", "5", at("2027-03-10T10:00:50Z")));

    assertThat(step.closed).containsOnlyKeys(MINUTE_10_00, ALL_10_00);
    assertThat(step.lateEvents()).isEqualTo(1);
  }

  @Test
  void lateStillMeansLateOnceEveryActiveSourcePassedTheWindow() {
    step.send(0, event("alice", "1", at("2027-03-10T10:00:30Z")));
    step.send(1, event("alice", "1", at("2027-03-10T10:00:40Z")));
    step.send(0, event("alice", "1", at("2027-03-10T10:01:20Z")));
    assertThat(step.closed).isEmpty();
    step.send(1, event("alice", "1", at("2027-03-10T10:01:10Z"))); // both past 10:01 + grace

    step.send(0, event("alice", "7", at("2027-03-10T10:00:59Z")));

    assertThat(step.closed).containsOnlyKeys(MINUTE_10_00, ALL_10_00);
    assertThat(step.closed.get(MINUTE_10_00).getCostUsd()).isEqualTo(new BigDecimal("2.000000000"));
    assertThat(step.lateEvents()).isEqualTo(1);
  }
}

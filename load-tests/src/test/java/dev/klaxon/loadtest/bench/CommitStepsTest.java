package dev.klaxon.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The processor's steady rate: between commits, without the start-up or the wait for the final commit. */
class CommitStepsTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void theWaitForTheFinalCommitDoesNotCount() {
    BenchKafka.CommitSteps steps = new BenchKafka.CommitSteps();
    steps.observe(1 * SECOND, 0); // started, nothing committed yet
    steps.observe(2 * SECOND, 100_000); // first commit
    steps.observe(2 * SECOND + SECOND / 10, 100_000); // polled again, same commit
    steps.observe(3 * SECOND, 200_000);
    steps.observe(4 * SECOND, 300_000);
    steps.observe(5 * SECOND, 310_000); // the last 10,000 events, committed after waiting for the interval

    assertThat(steps.firstAt()).isEqualTo(2 * SECOND);
    assertThat(steps.steadyRate(5 * SECOND)).isCloseTo(100_000.0, within(1e-6));
  }

  @Test
  void withTwoCommitsTheRateRunsToTheEnd() {
    BenchKafka.CommitSteps steps = new BenchKafka.CommitSteps();
    steps.observe(2 * SECOND, 100_000);
    steps.observe(3 * SECOND, 150_000);

    assertThat(steps.steadyRate(3 * SECOND)).isCloseTo(50_000.0, within(1e-6));
  }
}

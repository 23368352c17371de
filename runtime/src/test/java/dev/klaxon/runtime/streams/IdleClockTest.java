package dev.klaxon.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleClockTest {

  private static final long IDLE = 10_000;
  private static final long CHECK = 1_000;

  @Test
  void idleAfterIdleCloseWithoutRecordsOnceSomethingWasProcessed() {
    IdleClock clock = new IdleClock(IDLE, CHECK);
    clock.processed(0);
    for (long t = 1_000; t < IDLE; t += CHECK) {
      assertThat(clock.isIdle(t)).as("at %d", t).isFalse();
    }
    assertThat(clock.isIdle(IDLE)).isTrue();
  }

  @Test
  void aFreshTaskWaitsForItsBacklogLongerThanIdleClose() {
    IdleClock clock = new IdleClock(IDLE, CHECK);
    for (long t = 0; t < IdleClock.STARTUP_IDLE_MS; t += CHECK) {
      assertThat(clock.isIdle(t)).as("at %d", t).isFalse();
    }
    assertThat(clock.isIdle(IdleClock.STARTUP_IDLE_MS)).isTrue();
  }

  @Test
  void aStalledTaskIsNotIdleItWasNotRunning() {
    IdleClock clock = new IdleClock(IDLE, CHECK);
    clock.processed(0);
    assertThat(clock.isIdle(2_000)).isFalse();

    // No check for 9 s (a rebalance, a long GC): records may be queued behind the stall.
    assertThat(clock.isIdle(11_000)).as("first check after the stall").isFalse();
    // As after a start: idle only once the backlog had its chance, checks on time from here.
    for (long t = 12_000; t < 11_000 + IdleClock.STARTUP_IDLE_MS; t += CHECK) {
      assertThat(clock.isIdle(t)).as("at %d", t).isFalse();
    }
    assertThat(clock.isIdle(11_000 + IdleClock.STARTUP_IDLE_MS)).isTrue();
  }

  @Test
  void checksOnTimeNeverLookLikeAStall() {
    IdleClock clock = new IdleClock(IDLE, CHECK);
    clock.processed(0);
    long t = 0;
    boolean idle = false;
    while (!idle) {
      t += 2 * CHECK; // late, but within the stall bound
      idle = clock.isIdle(t);
    }
    assertThat(t).isEqualTo(IDLE);
  }
}

package dev.klaxon.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayRangeTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration GRACE = Duration.ofSeconds(10);

  @Test
  void theRangeWidensToWholeWindowsAndClosesOneGraceAfterItsEnd() {
    ReplayRange range = new ReplayRange(Instant.parse("2026-11-30T14:05:20Z"), Instant.parse("2026-11-30T14:09:01Z"),
        MINUTE, GRACE);
    assertThat(range.start()).isEqualTo(Instant.parse("2026-11-30T14:05:00Z"));
    assertThat(range.end()).isEqualTo(Instant.parse("2026-11-30T14:10:00Z"));
    assertThat(range.closesAt()).isEqualTo(Instant.parse("2026-11-30T14:10:10Z"));
    assertThat(range.windowCount()).isEqualTo(5);
  }

  @Test
  void aReplayReadsUntilTheLongerOfTheProcessorsAndTheCostAggregatorsGraceHasPassed() {
    ReplayRange range = new ReplayRange(Instant.parse("2026-11-30T14:05:00Z"), Instant.parse("2026-11-30T14:10:00Z"),
        MINUTE, GRACE);
    LiveSettings spendGraceOneMinute = new LiveSettings(LiveSettings.defaults().eventLimits(),
        LiveSettings.defaults().spendGranularities(), Duration.ofMinutes(1));
    var rules = dev.klaxon.rules.RuleSet.defaults();
    var routing = dev.klaxon.sink.config.SinkConfig.defaults();

    assertThat(new ReplayRequest(range, java.util.Set.of(), rules, routing, false).closesAt())
        .isEqualTo(Instant.parse("2026-11-30T14:10:10Z"));
    assertThat(new ReplayRequest(range, java.util.Set.of(), rules, routing, false, spendGraceOneMinute).closesAt())
        .isEqualTo(Instant.parse("2026-11-30T14:11:00Z"));
  }

  @Test
  void alignedBoundsStayAsTheyAre() {
    ReplayRange range = new ReplayRange(Instant.parse("2026-11-30T14:05:00Z"), Instant.parse("2026-11-30T14:10:00Z"),
        MINUTE, GRACE);
    assertThat(range.start()).isEqualTo(Instant.parse("2026-11-30T14:05:00Z"));
    assertThat(range.end()).isEqualTo(Instant.parse("2026-11-30T14:10:00Z"));
  }

  @Test
  void onlyWindowsWhollyInsideTheRangeBelongToIt() {
    ReplayRange range = new ReplayRange(Instant.parse("2026-11-30T14:05:00Z"), Instant.parse("2026-11-30T14:10:00Z"),
        MINUTE, GRACE);
    long start = range.start().toEpochMilli();
    long end = range.end().toEpochMilli();
    assertThat(range.holds(start, start + 60_000)).isTrue();
    assertThat(range.holds(end - 60_000, end)).isTrue();
    assertThat(range.holds(start - 60_000, start)).isFalse();
    assertThat(range.holds(end, end + 60_000)).isFalse();
    assertThat(range.holds(start, start + 3_600_000)).as("an hour window over the range's end").isFalse();
  }

  @Test
  void anEndNotAfterTheStartIsOneClearLine() {
    Instant t = Instant.parse("2026-11-30T14:05:00Z");
    assertThatThrownBy(() -> new ReplayRange(t, t, MINUTE, GRACE)).isInstanceOf(ReplayException.class)
        .hasMessage("--to 2026-11-30T14:05:00Z must be after --from 2026-11-30T14:05:00Z");
    assertThatThrownBy(() -> new ReplayRange(t, t.minusSeconds(60), MINUTE, GRACE))
        .isInstanceOf(ReplayException.class).hasMessageContaining("must be after --from");
  }

  @Test
  void windowsShorterThanASecondAreRefused() {
    Instant t = Instant.parse("2026-11-30T14:05:00Z");
    assertThatThrownBy(() -> new ReplayRange(t, t.plusSeconds(60), Duration.ofMillis(500), GRACE))
        .isInstanceOf(ReplayException.class).hasMessageContaining("--window must be at least 1s");
  }
}

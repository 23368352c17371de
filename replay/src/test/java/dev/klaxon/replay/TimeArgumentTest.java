package dev.klaxon.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {

  private static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

  @Test
  void nowAndDurationsBeforeNowAreRelativeToTheGivenNow() {
    assertThat(TimeArgument.parse("now", NOW)).isEqualTo(NOW);
    assertThat(TimeArgument.parse("-2h", NOW)).isEqualTo(Instant.parse("2026-11-30T13:00:00Z"));
    assertThat(TimeArgument.parse("-30m", NOW)).isEqualTo(Instant.parse("2026-11-30T14:30:00Z"));
    assertThat(TimeArgument.parse(" -1h30m ", NOW)).isEqualTo(Instant.parse("2026-11-30T13:30:00Z"));
    assertThat(TimeArgument.parse("-PT90S", NOW)).isEqualTo(Instant.parse("2026-11-30T14:58:30Z"));
  }

  @Test
  void isoTimesNeedAZoneOrOffset() {
    assertThat(TimeArgument.parse("2026-11-30T14:05:00Z", NOW)).isEqualTo(Instant.parse("2026-11-30T14:05:00Z"));
    assertThat(TimeArgument.parse("2026-11-30T15:05+01:00", NOW)).isEqualTo(Instant.parse("2026-11-30T14:05:00Z"));
    assertThat(TimeArgument.parse("2026-11-30T14:05:00.250Z", NOW)).isEqualTo(Instant.parse("2026-11-30T14:05:00.250Z"));
    assertThatThrownBy(() -> TimeArgument.parse("2026-11-30T14:05:00", NOW))
        .hasMessage("'2026-11-30T14:05:00' is not a time: use now, a duration before now such as -2h or -30m, or"
            + " ISO-8601 with a zone such as 2026-11-30T14:05:00Z");
  }

  @Test
  void anythingElseIsRefusedWithTheAcceptedForms() {
    assertThatThrownBy(() -> TimeArgument.parse("yesterday", NOW)).hasMessageContaining("is not a time: use now");
    assertThatThrownBy(() -> TimeArgument.parse("-2 hours", NOW)).hasMessageContaining("is not a time");
    assertThatThrownBy(() -> TimeArgument.parse("", NOW)).hasMessageContaining("is not a time");
  }
}

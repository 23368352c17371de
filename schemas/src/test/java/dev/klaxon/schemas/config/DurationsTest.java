package dev.klaxon.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsPrometheusFormsIncludingCompoundOnes() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("2m30s500ms")).isEqualTo(Duration.ofMillis(150_500));
    assertThat(Durations.parse(" 0s ")).isEqualTo(Duration.ZERO);
  }

  @Test
  void readsIsoForms() {
    assertThat(Durations.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("pt1m")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void refusesAnythingElseSayingWhatIsAccepted() {
    for (String bad : new String[] {"5 minutes", "", "10", "s", "1m1h", "-5s", "P1X"}) {
      assertThatThrownBy(() -> Durations.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a duration: write e.g.");
    }
    assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("is not a duration");
    assertThatThrownBy(() -> Durations.parse("99999999999999999y")).hasMessageContaining("too long");
  }

  @Test
  void formatsTheShortestFormThatReadsBack() {
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofHours(49), Duration.ofMillis(93_784_005)}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
  }
}

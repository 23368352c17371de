package dev.klaxon.cost;

import static dev.klaxon.cost.SpendFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GranularityTest {

  @Test
  void windowsAreUtcAndMonthsFollowTheCalendar() {
    long t = at("2028-02-29T23:59:59.999Z");
    assertThat(Granularity.MINUTE.startOf(t)).isEqualTo(at("2028-02-29T23:59:00Z"));
    assertThat(Granularity.HOUR.startOf(t)).isEqualTo(at("2028-02-29T23:00:00Z"));
    assertThat(Granularity.DAY.startOf(t)).isEqualTo(at("2028-02-29T00:00:00Z"));
    assertThat(Granularity.MONTH.startOf(t)).isEqualTo(at("2028-02-01T00:00:00Z"));
    assertThat(Granularity.MONTH.endOf(at("2028-02-01T00:00:00Z"))).isEqualTo(at("2028-03-01T00:00:00Z"));
    assertThat(Granularity.MONTH.endOf(at("2027-12-01T00:00:00Z"))).isEqualTo(at("2028-01-01T00:00:00Z"));
    assertThat(Granularity.DAY.endOf(at("2027-12-31T00:00:00Z"))).isEqualTo(at("2028-01-01T00:00:00Z"));
  }
}

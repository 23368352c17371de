package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowKeyTest {

  private static final long START = 1_795_464_060_000L; // 2026-11-23T20:01:00Z

  @Test
  void aSeriesWithoutEnvironmentKeepsTheDocumentedKey() {
    WindowKey key = new WindowKey(WindowKey.series("checkout-api", "POST /pay", null), 60_000, START);

    assertThat(key.recordKey()).isEqualTo("checkout-api|POST /pay|2026-11-23T20:01:00Z/PT1M");
    assertThat(key.first()).isEqualTo("checkout-api");
    assertThat(key.second()).isEqualTo("POST /pay");
    assertThat(key.environment()).isNull();
  }

  @Test
  void anEnvironmentFollowsTheIntervalAsALabelledPart() {
    WindowKey key = new WindowKey(WindowKey.series("checkout-api", "POST /pay", "production"), 60_000, START);

    assertThat(key.recordKey()).isEqualTo("checkout-api|POST /pay|2026-11-23T20:01:00Z/PT1M|environment=production");
    assertThat(key.first()).isEqualTo("checkout-api");
    assertThat(key.second()).isEqualTo("POST /pay");
    assertThat(key.environment()).isEqualTo("production");
  }

  @Test
  void storeBytesRoundTripWithAndWithoutEnvironment() {
    WindowKey plain = new WindowKey("search|error", 300_000, START);
    WindowKey production = new WindowKey("search|error|production", 300_000, START);

    assertThat(WindowKey.fromBytes(plain.toBytes())).isEqualTo(plain);
    assertThat(WindowKey.fromBytes(production.toBytes())).isEqualTo(production);
  }
}

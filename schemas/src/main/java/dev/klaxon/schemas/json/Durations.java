package dev.klaxon.schemas.json;

import java.time.Duration;

/** Durations as people write them in config (1h, 5m, 30s) rather than ISO's PT1H. */
final class Durations {

  private Durations() {
  }

  static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis == 0) {
      return "0s";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}

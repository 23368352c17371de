package dev.klaxon.sink.silence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.sink.config.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilencesTest {

  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

  private static Silence silence(String id, Instant start, Instant end, String... matchers) {
    return new Silence(id, List.of(matchers).stream().map(Matcher::parse).toList(), start, end, "ana",
        "deploying", start);
  }

  @Test
  void mutesMatchingAlertsOnlyWhileActive() {
    Silences silences = new Silences();
    silences.put(silence("s1", NOW, NOW.plus(Duration.ofHours(1)), "service=\"api\"", "severity=~\"warning|info\""));
    Map<String, String> warning = Map.of("service", "api", "severity", "warning");

    assertThat(silences.mutedBy(warning, NOW.minusSeconds(1))).as("pending").isEmpty();
    assertThat(silences.mutedBy(warning, NOW)).map(Silence::id).contains("s1");
    assertThat(silences.mutedBy(Map.of("service", "api", "severity", "critical"), NOW)).isEmpty();
    assertThat(silences.mutedBy(Map.of("service", "web", "severity", "warning"), NOW)).isEmpty();
    assertThat(silences.mutedBy(warning, NOW.plus(Duration.ofHours(1)))).as("expired at endsAt").isEmpty();
  }

  @Test
  void expiringEndsItNowAndAPendingOneNeverStarts() {
    Silence active = silence("s1", NOW, NOW.plus(Duration.ofHours(1)), "service=\"api\"");
    Silence expired = active.expire(NOW.plusSeconds(60));
    assertThat(expired.endsAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(expired.state(NOW.plusSeconds(60))).isEqualTo(Silence.State.EXPIRED);

    Silence pending = silence("s2", NOW.plusSeconds(600), NOW.plus(Duration.ofHours(1)), "service=\"api\"");
    assertThat(pending.expire(NOW).state(NOW.plusSeconds(601))).isEqualTo(Silence.State.EXPIRED);
  }

  @Test
  void anOlderCopyNeverOverwritesANewerOne() {
    Silences silences = new Silences();
    Silence active = silence("s1", NOW, NOW.plus(Duration.ofHours(1)), "service=\"api\"");
    Silence expired = active.expire(NOW.plusSeconds(60));
    silences.put(expired);
    silences.put(active);
    assertThat(silences.get("s1")).contains(expired);
  }

  @Test
  void roundTripsThroughTheAvroRecord() {
    Silence s = silence("s1", NOW, NOW.plusSeconds(60), "a=\"1\"", "b!=\"2\"", "c=~\"x.*\"", "d!~\"y\"");
    assertThat(SilenceCodec.fromAvro(SilenceCodec.toAvro(s))).isEqualTo(s);
  }
}

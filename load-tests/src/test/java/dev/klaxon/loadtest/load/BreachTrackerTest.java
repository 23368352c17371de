package dev.klaxon.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.loadtest.load.BreachTracker.Breach;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender's copy of what the rules see: which event made the data breach, in event time. */
class BreachTrackerTest {

  private static final long MINUTE = 60_000;
  private static final long T0 = 1_800_000_000_000L - 1_800_000_000_000L % MINUTE; // a minute's start

  private static final RuleSet RULES = RuleSet.parse("""
      rules:
        - {name: SlowP95, metric: requests.p95, by: [service], warning: 1000, critical: 2000, minCount: 20, summary: s}
        - {name: Many5xx, metric: requests.errors5xx, by: [service], warning: 10, critical: 50, summary: s}
        - {name: Silent, metric: absent, warning: 2m, critical: 15m, summary: s}
      """, "test rules");

  private final BreachTracker tracker = new BreachTracker(RULES, Duration.ofMinutes(1));

  @Test
  void aLatencySpikeBreachesAtTheEventThatTakesTheWindowsP95OverTheThreshold() {
    for (int i = 0; i < 100; i++) {
      send("checkout", 200, 100, T0 + i * 100); // 10 s of healthy traffic
    }
    long firstSlow = T0 + 10_000;
    int slow = 0;
    while (tracker.breaches().isEmpty()) {
      send("checkout", 200, 2_500, firstSlow + slow * 100L);
      slow++;
    }

    Breach breach = tracker.breaches().get(0);
    assertThat(breach.rule()).isEqualTo("SlowP95");
    assertThat(breach.labels()).containsEntry("service", "checkout");
    assertThat(breach.severity()).isEqualTo(Severity.critical); // 2.5 s is over both thresholds
    // p95 (nearest rank, of 100 + slow events) is slow once more than 5 % are: the 6th slow event
    assertThat(slow).isEqualTo(6);
    assertThat(breach.atMs()).isEqualTo(firstSlow + 5 * 100);
  }

  @Test
  void tooFewSamplesNeverBreachAndAnErrorBurstBreachesAtItsEleventhError() {
    for (int i = 0; i < 5; i++) {
      send("search", 200, 3_000, T0 + i); // slow, but under minCount
    }
    assertThat(tracker.breaches()).isEmpty();

    for (int i = 0; i < 11; i++) {
      send("search", 500, 50, T0 + 1_000 + i);
    }

    assertThat(tracker.breaches()).singleElement().satisfies(b -> {
      assertThat(b.rule()).isEqualTo("Many5xx");
      assertThat(b.severity()).isEqualTo(Severity.warning);
      assertThat(b.atMs()).isEqualTo(T0 + 1_010); // the 11th error: more than 10
    });
  }

  @Test
  void aSilenceBreachesAtTheLastEventPlusTheRulesThreshold() {
    send("profile", 200, 20, T0);
    send("profile", 200, 20, T0 + 30_000);
    send("profile", 200, 20, T0 + 90_000); // a minute's pause: no silence
    tracker.finish(T0 + 90_000 + 5 * MINUTE);

    List<Breach> silent = tracker.breaches().stream().filter(b -> b.rule().equals("Silent")).toList();
    assertThat(silent).singleElement().satisfies(b -> {
      assertThat(b.atMs()).isEqualTo(T0 + 90_000 + 2 * MINUTE);
      assertThat(b.labels()).containsEntry("service", "profile");
    });
  }

  private void send(String service, int status, double durationMs, long at) {
    tracker.request(RequestEvent.newBuilder().setService(service).setRoute("GET /x").setStatus(status)
        .setDurationMs(durationMs).setTimestamp(at).build());
  }
}

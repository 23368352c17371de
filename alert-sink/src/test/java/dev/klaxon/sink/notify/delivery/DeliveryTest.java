package dev.klaxon.sink.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.CountingStats;
import dev.klaxon.sink.notify.Fixtures;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.RecordingServer.Response;
import dev.klaxon.sink.notify.TestIntegrations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delivery stage against real local HTTP servers, with backoffs and pacing in virtual time. */
class DeliveryTest {

  private final RecordingServer server = RecordingServer.start();
  private final RecordingServer other = RecordingServer.start();
  private final CountingStats stats = new CountingStats();
  private final FakeTime time = new FakeTime();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<AlertGroup> delivered = new CopyOnWriteArrayList<>();
  private final Integrations integrations = TestIntegrations.with(
      Map.of("URL", server.url("/hook/aaaaaaaaaaaa"), "OTHER_URL", other.url("/hook/bbbbbbbbbbbb")), stats);
  private Destinations delivery = delivery(RetryPolicy.defaults().withAttemptTimeout(Duration.ofSeconds(5)));

  private Destinations delivery(RetryPolicy policy) {
    return Destinations.builder(deadLetters::add)
        .policy(policy).stats(stats).time(time).random(() -> 1.0) // jitter at its ceiling: waits are predictable
        .build();
  }

  private Destination start(String receiver, Notifier notifier) {
    return delivery.start(receiver, notifier.type() + "[0]", notifier);
  }

  /** Records each state the provider accepted once, however many submitters it settled (coalescing). */
  private void heard(Outbox.Outcome outcome) {
    if (outcome instanceof Outbox.Outcome.Delivered d) {
      synchronized (delivered) {
        if (delivered.stream().noneMatch(sent -> sent == d.sent())) {
          delivered.add(d.sent());
        }
      }
    }
  }

  @AfterEach
  void stop() {
    delivery.close();
    server.close();
    other.close();
  }

  private Notifier notifier(String type, String env) {
    return TestIntegrations.notifier(integrations, type, Map.of("url_env", env));
  }

  private static AlertGroup group(String key) {
    return Fixtures.group(key, Fixtures.errorRate(Severity.warning, AlertStatus.firing, key));
  }

  @Test
  void retriesA5xxWithExponentialBackoffThenSucceeds() {
    server.respond(Response.status(500, "oops"), Response.status(503));
    Destination destination = start("team", notifier("webhook", "URL"));

    destination.submit(group("g1"), this::heard);

    await().until(() -> delivered.size() == 1);
    assertThat(server.requests()).hasSize(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(stats.get("sent", "team", "webhook")).isEqualTo(1);
    assertThat(stats.get("failed", "team", "webhook")).isEqualTo(2);
    assertThat(stats.get("retried", "team", "webhook")).isEqualTo(2);
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void backoffIsCappedAndJittered() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertThat(new Backoff(policy, () -> 1.0).afterFailure(20)).isEqualTo(Duration.ofMinutes(1));
    assertThat(new Backoff(policy, () -> 0.5).afterFailure(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(new Backoff(policy, () -> 0.0).afterFailure(3)).isEqualTo(Duration.ZERO);
  }

  @Test
  void honoursRetryAfterOf429() {
    server.respond(Response.status(429, "slow down", Map.of("Retry-After", "7")));
    Destination destination = start("team", notifier("slack", "URL"));

    destination.submit(group("g1"), this::heard);

    await().until(() -> delivered.size() == 1);
    assertThat(time.sleeps()).contains(Duration.ofSeconds(7));
    assertThat(server.requests()).hasSize(2);
    assertThat(Duration.between(server.requests().get(0).at(), server.requests().get(1).at())).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Test
  void honoursDiscordsRetryAfterBodyField() {
    server.respond(Response.status(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":2.5,\"global\":false}",
        Map.of("Retry-After", "3")));
    Destination destination = start("team", notifier("discord", "URL"));

    destination.submit(group("g1"), this::heard);

    await().until(() -> delivered.size() == 1);
    assertThat(time.sleeps()).contains(Duration.ofMillis(2500));
  }

  @Test
  void permanent4xxIsNotRetriedAndGoesToTheDeadLetterWithItsReason() {
    server.respond(Response.status(404, "channel_not_found"));
    Destination destination = start("team", notifier("slack", "URL"));

    destination.submit(group("g1"), this::heard);

    await().until(() -> deadLetters.size() == 1);
    DeadLetter letter = deadLetters.get(0);
    assertThat(letter.reason()).isEqualTo("permanent failure: slack: HTTP 404: channel_not_found");
    assertThat(letter.permanent()).isTrue();
    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(letter.group().groupKey()).isEqualTo("g1");
    assertThat(letter.receiver()).isEqualTo("team");
    assertThat(server.requests()).hasSize(1);
    assertThat(stats.get("retried", "team", "slack")).isZero();
    assertThat(stats.get("deadLettered", "team", "slack")).isEqualTo(1);
  }

  @Test
  void spentRetryBudgetGoesToTheDeadLetter() {
    delivery.close();
    delivery = delivery(RetryPolicy.defaults().withMaxAttempts(3));
    server.byDefault(Response.status(502, "bad gateway"));
    Destination destination = start("team", notifier("webhook", "URL"));

    destination.submit(group("g1"), this::heard);

    await().until(() -> deadLetters.size() == 1);
    assertThat(deadLetters.get(0).reason()).isEqualTo("gave up after 3 attempts: webhook: HTTP 502: bad gateway");
    assertThat(deadLetters.get(0).permanent()).isFalse();
    assertThat(server.requests()).hasSize(3);
    assertThat(stats.get("retried", "team", "webhook")).isEqualTo(2);
  }

  @Test
  void connectionRefusedIsRetried() {
    delivery.close();
    delivery = delivery(RetryPolicy.defaults().withMaxAttempts(2));
    Integrations down = TestIntegrations.with(Map.of("URL", RecordingServer.downUrl("/hook/cccccccccccc")), stats);
    Destination destination = start("team", TestIntegrations.notifier(down, "webhook", Map.of("url_env", "URL")));

    destination.submit(group("g1"), this::heard);

    await().until(() -> deadLetters.size() == 1);
    assertThat(deadLetters.get(0).reason()).startsWith("gave up after 2 attempts: webhook: request failed: ConnectException");
  }

  @Test
  void hangingServerTimesOutAndIsRetried() {
    delivery.close();
    // Long enough that the healthy second attempt never times out on a loaded 2-core machine (300 ms did).
    delivery = delivery(RetryPolicy.defaults().withAttemptTimeout(Duration.ofSeconds(2)));
    server.respond(RecordingServer.hang());
    Destination destination = start("team", notifier("webhook", "URL"));

    destination.submit(group("g1"), this::heard);

    await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 1);
    assertThat(server.requests()).hasSize(2);
    assertThat(stats.get("failed", "team", "webhook")).isEqualTo(1);
    assertThat(stats.get("retried", "team", "webhook")).isEqualTo(1);
  }

  @Test
  void slowReceiverDoesNotDelayAnother() {
    server.byDefault(RecordingServer.hang());
    Destination slow = start("slow", notifier("webhook", "URL"));
    Destination fast = start("fast", notifier("webhook", "OTHER_URL"));

    slow.submit(group("g1"), this::heard);
    server.awaitRequests(1);
    fast.submit(group("g1"), this::heard);
    fast.submit(group("g2"), this::heard);

    // The slow receiver hangs until its 10 s attempt timeout: anything well under that is "not delayed".
    // Await the outcomes, not the server's count: a request is counted before its answer is heard.
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      synchronized (delivered) {
        return delivered.size() == 2;
      }
    });
    assertThat(other.requests()).hasSize(2);
    assertThat(delivered).extracting(AlertGroup::groupKey).containsExactly("g1", "g2");
    assertThat(stats.get("sent", "slow", "webhook")).isZero();
  }

  @Test
  void slackIsPacedToOneMessagePerSecondWithoutDropping() {
    server.clock(time::now);
    Destination destination = start("team", notifier("slack", "URL"));

    for (int i = 0; i < 4; i++) {
      destination.submit(group("g" + i), this::heard);
    }

    await().until(() -> delivered.size() == 4);
    List<RecordingServer.Request> requests = server.requests();
    assertThat(requests).hasSize(4);
    for (int i = 1; i < 4; i++) {
      assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
    assertThat(delivered).extracting(AlertGroup::groupKey).containsExactly("g0", "g1", "g2", "g3");
  }

  @Test
  void discordPacingAllowsFiveEveryTwoSeconds() {
    server.clock(time::now);
    Destination destination = start("team", notifier("discord", "URL"));
    Instant start = time.now();

    for (int i = 0; i < 7; i++) {
      destination.submit(group("g" + i), this::heard);
    }

    List<RecordingServer.Request> requests = server.awaitRequests(7);
    assertThat(requests.subList(0, 5)).allSatisfy(r -> assertThat(r.at()).isEqualTo(start));
    assertThat(requests.get(5).at()).isEqualTo(start.plusSeconds(2));
  }

  @Test
  void queuedUpdatesOfOneGroupCoalesceLatestStateWins() {
    CountDownLatch release = new CountDownLatch(1);
    server.respond(Response.gated(release));
    Destination destination = start("team", notifier("webhook", "URL"));

    destination.submit(group("other-in-flight"), this::heard);
    server.awaitRequests(1);
    destination.submit(firing("g1", 1), this::heard);
    destination.submit(group("g2"), this::heard);
    destination.submit(firing("g1", 2), this::heard);
    destination.submit(resolved("g1"), this::heard);
    release.countDown();

    await().until(() -> delivered.size() == 3);
    assertThat(delivered).extracting(AlertGroup::groupKey).containsExactly("other-in-flight", "g1", "g2");
    assertThat(delivered.get(1).isResolved()).as("latest state of g1 wins").isTrue();
    assertThat(stats.get("coalesced", "team", "webhook")).isEqualTo(2);
  }

  @Test
  void anUpdateArrivingDuringBackoffReplacesTheRetry() {
    server.respond(Response.status(500));
    Destination destination = start("team", notifier("webhook", "URL"));
    time.onSleep(() -> destination.submit(resolved("g1"), this::heard));

    destination.submit(firing("g1", 1), this::heard);

    await().until(() -> delivered.size() == 1);
    assertThat(delivered.get(0).isResolved()).isTrue();
    assertThat(server.requests()).hasSize(2);
    assertThat(server.requests().get(1).body()).contains("\"status\":\"resolved\"");
  }

  private static AlertGroup firing(String key, double value) {
    var alert = Fixtures.latency(Severity.critical, AlertStatus.firing, "api", "/x", value);
    return Fixtures.group(key, alert);
  }

  private static AlertGroup resolved(String key) {
    return Fixtures.group(key, Fixtures.latency(Severity.critical, AlertStatus.resolved, "api", "/x", 1));
  }
}

package dev.klaxon.sink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.NotificationLogEntry;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.group.Dispatcher;
import dev.klaxon.sink.inhibit.Inhibitor;
import dev.klaxon.sink.nflog.NotificationLog;
import dev.klaxon.sink.notify.CountingStats;
import dev.klaxon.sink.notify.ReceiverNotifiers;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.RecordingServer.Response;
import dev.klaxon.sink.notify.TestIntegrations;
import dev.klaxon.sink.notify.delivery.DeadLetter;
import dev.klaxon.sink.notify.delivery.Destinations;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import dev.klaxon.sink.route.Router;
import dev.klaxon.sink.silence.Silences;
import dev.klaxon.sink.testing.Alerts;
import dev.klaxon.sink.testing.MutableClock;
import dev.klaxon.sink.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatcher → pipeline → delivery stage → a real local webhook, without a broker: the dispatcher
 * on a hand-driven clock, delivery waits in virtual time, the notification log in memory.
 */
class DeliveryPipelineTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final String SECRET_PATH = "/hooks/T0KEN-abcdef123456";
  private static final String CONFIG = """
      route:
        receiver: team
        group_by: [alertname, service]
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 1h
      receivers:
        - name: team
          webhook_configs: [{url_env: HOOK}]
      """;

  private final MutableClock clock = new MutableClock(T0);
  private final VirtualTime deliveryTime = new VirtualTime(T0);
  private final RecordingServer server = RecordingServer.start();
  private final CountingStats stats = new CountingStats();
  private final List<NotificationLogEntry> logged = new CopyOnWriteArrayList<>();
  private final List<String> deadLetters = new CopyOnWriteArrayList<>();
  private final NotificationLog nflog = new NotificationLog(logged::add);
  private final List<Destinations> started = new ArrayList<>();
  private Dispatcher dispatcher;

  @BeforeEach
  void setUp() {
    dispatcher = startSink(nflog);
  }

  @AfterEach
  void tearDown() {
    started.forEach(Destinations::close);
    server.close();
  }

  /** A sink instance: its own dispatcher and destinations over a shared notification log. */
  private Dispatcher startSink(NotificationLog log) {
    SinkConfig config = SinkConfig.parse(CONFIG);
    ReceiverNotifiers notifiers = ReceiverNotifiers.build(config,
        TestIntegrations.with(Map.of("HOOK", server.url(SECRET_PATH)), stats).byType());
    Destinations outbox = Destinations.builder(letter -> deadLetters.add(describe(letter)))
        .policy(RetryPolicy.defaults().withMaxAttempts(3)).time(deliveryTime).stats(stats).build().startAll(notifiers);
    started.add(outbox);
    NotificationPipeline pipeline = new NotificationPipeline(outbox, new Inhibitor(config.inhibitRules()),
        new Silences(), log, clock, SinkEvents.NONE);
    return new Dispatcher(new Router(config.route()), clock, pipeline);
  }

  private static String describe(DeadLetter letter) {
    return letter.receiver() + "/" + letter.integration() + " " + letter.group().groupKey() + ": " + letter.reason();
  }

  private void advance(Duration d) {
    clock.advance(d);
    dispatcher.tick();
  }

  private static Alert firing(String fp) {
    return Alerts.firing(fp, "HighErrorRate", Severity.warning, T0, "service", "api");
  }

  @Test
  void a500ThenA200IsRetriedDeliveredOnceAndLoggedOnce() {
    server.respond(Response.status(500, "oops"));
    dispatcher.insert(firing("a"));
    advance(Duration.ofSeconds(30));

    await().until(() -> logged.size() == 1);
    assertThat(server.requests()).hasSize(2);
    assertThat(deliveryTime.waits()).as("backoff in virtual time").hasSize(1);
    assertThat(logged.get(0).getIntegration()).isEqualTo("webhook[0]");
    assertThat(logged.get(0).getFiringFingerprints()).containsExactly("a");
    assertThat(stats.get("retried", "team", "webhook")).isEqualTo(1);
    assertThat(stats.get("sent", "team", "webhook")).isEqualTo(1);

    advance(Duration.ofMinutes(5)); // completion applied; unchanged group: de-duplicated by the log
    advance(Duration.ofMinutes(5));
    assertThat(server.requests()).hasSize(2);
    assertThat(logged).hasSize(1);
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void aGroupStillBeingDeliveredIsNotSentAgainByTheNextGroupIntervalTicks() {
    CountDownLatch release = new CountDownLatch(1);
    server.respond(Response.gated(release));
    dispatcher.insert(firing("a"));
    advance(Duration.ofSeconds(30));
    server.awaitRequests(1);

    dispatcher.insert(firing("b")); // a change: would be sent at the next tick if the first send were done
    for (int tick = 0; tick < 3; tick++) {
      advance(Duration.ofMinutes(5));
    }
    assertThat(server.requests()).as("the group is in flight").hasSize(1);
    assertThat(logged).isEmpty();

    release.countDown();
    await().until(() -> logged.size() == 1);
    dispatcher.tick(); // applies the completion
    advance(Duration.ofMinutes(5));
    await().until(() -> logged.size() == 2);
    assertThat(server.requests()).hasSize(2);
    assertThat(logged.get(1).getFiringFingerprints()).containsExactly("a", "b");
  }

  @Test
  void aPermanent4xxIsDeadLetteredCountedAsFailedAndTriedAgainAtTheNextGroupInterval() {
    server.respond(Response.status(404, "no such hook " + SECRET_PATH));
    dispatcher.insert(firing("a"));
    advance(Duration.ofSeconds(30));

    await().until(() -> deadLetters.size() == 1);
    assertThat(deadLetters.get(0)).startsWith("team/webhook[0] {}:{alertname=\"HighErrorRate\", service=\"api\"}: ")
        .contains("permanent failure: webhook: HTTP 404").doesNotContain("T0KEN-abcdef123456");
    assertThat(server.requests()).as("4xx is not retried").hasSize(1);
    assertThat(logged).isEmpty();

    dispatcher.tick(); // the failed flush completes; the group stays, as in Alertmanager
    advance(Duration.ofMinutes(5));
    await().until(() -> logged.size() == 1);
    assertThat(server.requests()).hasSize(2);
  }

  @Test
  void whatWasNotDeliveredBeforeACrashIsSentByTheNextInstanceAndWhatWasIsNot() {
    dispatcher.insert(Alerts.firing("sent", "HighErrorRate", Severity.warning, T0, "service", "web"));
    advance(Duration.ofSeconds(30));
    await().until(() -> logged.size() == 1);

    server.respond(RecordingServer.hang());
    dispatcher.insert(firing("pending"));
    advance(Duration.ofSeconds(30));
    server.awaitRequests(2);
    started.get(0).close(); // the crash: the hanging send never completes, nothing is logged for it

    NotificationLog restored = new NotificationLog(logged::add);
    logged.forEach(restored::apply);
    Dispatcher next = startSink(restored);
    next.insert(Alerts.firing("sent", "HighErrorRate", Severity.warning, T0, "service", "web"));
    next.insert(firing("pending"));
    next.tick(); // both alerts fire longer than group_wait: flushed at once

    await().until(() -> logged.size() == 2);
    assertThat(logged.get(1).getFiringFingerprints()).containsExactly("pending");
    assertThat(server.requests()).hasSize(3);
    assertThat(server.requests().get(2).body()).containsPattern("\"fingerprint\"\\s*:\\s*\"pending\"");
  }
}

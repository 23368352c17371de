package dev.klaxon.sink.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.inhibit.Inhibitor;
import dev.klaxon.sink.nflog.NotificationLog;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.ReceiverNotifiers;
import dev.klaxon.sink.pipeline.NotificationPipeline;
import dev.klaxon.sink.pipeline.SinkEvents;
import dev.klaxon.sink.route.Router;
import dev.klaxon.sink.silence.Silences;
import dev.klaxon.sink.testing.Alerts;
import dev.klaxon.sink.testing.InlineOutbox;
import dev.klaxon.sink.testing.MutableClock;
import dev.klaxon.sink.testing.RecordingIntegration;
import dev.klaxon.sink.testing.RecordingIntegration.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alertmanager's group_wait / group_interval / repeat_interval, scenario by scenario, on a hand-driven clock. */
class DispatcherTimingTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final String CONFIG = """
      route:
        receiver: chat
        group_by: [alertname, service]
        group_wait: 30s
        group_interval: 5m
        repeat_interval: 1h
      receivers:
        - name: chat
          slack_configs: [{name: chat}]
      """;

  private final MutableClock clock = new MutableClock(T0);
  private final List<Sent> sent = RecordingIntegration.newLog();
  private final RecordingIntegration slack = new RecordingIntegration("slack", sent);
  private Dispatcher dispatcher;

  @BeforeEach
  void setUp() {
    SinkConfig config = SinkConfig.parse(CONFIG);
    NotificationPipeline pipeline = new NotificationPipeline(
        new InlineOutbox(ReceiverNotifiers.build(config, Map.<String, Integration>of("slack", slack))),
        new Inhibitor(config.inhibitRules()), new Silences(), NotificationLog.inMemory(), clock, SinkEvents.NONE);
    dispatcher = new Dispatcher(new Router(config.route()), clock, pipeline);
  }

  private void advance(Duration d) {
    clock.advance(d);
    dispatcher.tick();
  }

  private static Alert firing(String fp, String service) {
    return Alerts.firing(fp, "HighErrorRate", Severity.warning, T0, "service", service);
  }

  private List<String> firingOf(int notification) {
    return sent.get(notification).group().firing().stream().map(Alert::getFingerprint).toList();
  }

  @Test
  void firstNotificationWaitsGroupWaitAndCollectsTheGroup() {
    dispatcher.insert(firing("a", "api"));
    advance(Duration.ofSeconds(10));
    dispatcher.insert(firing("b", "api"));
    dispatcher.insert(firing("c", "web")); // another group
    advance(Duration.ofSeconds(19));
    assertThat(sent).isEmpty();

    advance(Duration.ofSeconds(1)); // 30s after the api group appeared
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).group().groupLabels()).isEqualTo(Map.of("alertname", "HighErrorRate", "service", "api"));
    assertThat(firingOf(0)).containsExactlyInAnyOrder("a", "b");

    advance(Duration.ofSeconds(10)); // web group: 30s after its first alert
    assertThat(sent).hasSize(2);
    assertThat(firingOf(1)).containsExactly("c");
  }

  @Test
  void changesWaitForGroupIntervalAndUnchangedGroupsRepeatAfterRepeatInterval() {
    dispatcher.insert(firing("a", "api"));
    advance(Duration.ofSeconds(30));
    assertThat(sent).hasSize(1);

    advance(Duration.ofMinutes(1));
    dispatcher.insert(firing("b", "api"));
    advance(Duration.ofMinutes(3).plusSeconds(59));
    assertThat(sent).as("a change waits for the group interval").hasSize(1);
    advance(Duration.ofSeconds(1)); // 5m after the first notification
    assertThat(sent).hasSize(2);
    assertThat(firingOf(1)).containsExactlyInAnyOrder("a", "b");

    // Unchanged: nothing at each 5m tick until 1h after the last notification.
    for (int tick = 0; tick < 11; tick++) {
      advance(Duration.ofMinutes(5));
    }
    assertThat(sent).hasSize(2);
    advance(Duration.ofMinutes(5));
    assertThat(sent).as("repeat_interval reached").hasSize(3);
    assertThat(firingOf(2)).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void resolvedNoticeWhenTheGroupResolvesThenTheGroupIsGone() {
    Alert a = firing("a", "api");
    Alert b = firing("b", "api");
    dispatcher.insert(a);
    dispatcher.insert(b);
    advance(Duration.ofSeconds(30));

    dispatcher.insert(Alerts.resolved(a, clock.instant()));
    advance(Duration.ofMinutes(5));
    assertThat(sent).as("a partial resolution is news (send_resolved)").hasSize(2);
    assertThat(sent.get(1).group().resolved()).extracting(Alert::getFingerprint).containsExactly("a");
    assertThat(firingOf(1)).containsExactly("b");

    dispatcher.insert(Alerts.resolved(b, clock.instant()));
    advance(Duration.ofMinutes(5));
    assertThat(sent).hasSize(3);
    AlertGroup notice = sent.get(2).group();
    assertThat(notice.isResolved()).isTrue();
    assertThat(notice.resolved()).as("a was notified resolved already and left the group")
        .extracting(Alert::getFingerprint).containsExactly("b");
    assertThat(dispatcher.groupCount()).isZero();

    advance(Duration.ofHours(2));
    assertThat(sent).as("nothing repeats after the resolved notice").hasSize(3);
  }

  @Test
  void anAlertFiringLongerThanGroupWaitIsNotHeldBackAgain() {
    dispatcher.insert(Alerts.firing("old", "HighErrorRate", Severity.warning, T0.minus(Duration.ofMinutes(10)),
        "service", "api"));
    dispatcher.tick();
    assertThat(sent).hasSize(1);
  }

  @Test
  void aFailedSendIsRetriedAtTheNextGroupInterval() {
    slack.failNext(1);
    dispatcher.insert(firing("a", "api"));
    advance(Duration.ofSeconds(30));
    assertThat(sent).isEmpty();
    advance(Duration.ofMinutes(5));
    assertThat(sent).hasSize(1);
  }

  @Test
  void nextDueTellsTheServiceHowLongItMayWait() {
    assertThat(dispatcher.nextDue()).isEmpty();
    dispatcher.insert(firing("a", "api"));
    assertThat(dispatcher.nextDue()).contains(T0.plusSeconds(30));
  }
}

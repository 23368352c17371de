package dev.klaxon.replay.notify;

import dev.klaxon.replay.AlertTransition;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.group.Dispatcher;
import dev.klaxon.sink.group.Flush;
import dev.klaxon.sink.inhibit.Inhibitor;
import dev.klaxon.sink.nflog.Dedup;
import dev.klaxon.sink.nflog.NotificationLog;
import dev.klaxon.sink.route.AlertLabels;
import dev.klaxon.sink.route.Router;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sink's decisions, replayed in event time: the live {@link Router} (route tree, matchers,
 * {@code continue}), {@link Dispatcher} (group_by, group_wait, group_interval), {@link Inhibitor} and
 * {@link Dedup} against an in-memory {@link NotificationLog} (changed or repeat_interval), driven by a
 * clock that jumps from one transition or due group to the next. Nothing is sent: each notification
 * that would have gone out is recorded instead. Deterministic: the same transitions give the same list.
 *
 * <p>Where live could differ: silences are not replayed (those in force then are not known here); the
 * live sink sends when a transition arrives, which is later than its event time by the pipeline's
 * delay; delivery failures, retries and per-provider pacing are not simulated.
 */
public final class NotificationReplay {

  private NotificationReplay() {}

  /**
   * @param rangeEnd transitions after it are not part of the range. Each group still flushes once after it
   *     (within the tree's longest {@code group_interval}), so a resolution near the end shows its notice;
   *     later flushes would only repeat a state the range no longer vouches for
   */
  public static List<WouldNotify> simulate(SinkConfig routing, List<AlertTransition> transitions, Instant rangeEnd) {
    Instant until = rangeEnd.plus(longestGroupInterval(routing.route()));
    EventClock clock = new EventClock();
    Inhibitor inhibitor = new Inhibitor(routing.inhibitRules());
    Recorder recorder = new Recorder(routing, inhibitor, rangeEnd);
    Dispatcher dispatcher = new Dispatcher(new Router(routing.route()), clock, recorder);
    List<AlertTransition> ordered = transitions.stream()
        .sorted(Comparator.comparingLong(AlertTransition::at)).toList();
    for (AlertTransition transition : ordered) {
      if (transition.at() > rangeEnd.toEpochMilli()) {
        break;
      }
      flushDueBefore(dispatcher, clock, Instant.ofEpochMilli(transition.at()));
      clock.now = Instant.ofEpochMilli(transition.at());
      inhibitor.observe(transition.alert());
      dispatcher.insert(transition.alert());
      dispatcher.tick();
    }
    flushDueBefore(dispatcher, clock, until.plusMillis(1));
    return recorder.sent;
  }

  private static java.time.Duration longestGroupInterval(dev.klaxon.sink.config.RouteConfig route) {
    java.time.Duration longest = route.groupInterval();
    for (dev.klaxon.sink.config.RouteConfig child : route.routes()) {
      java.time.Duration inChild = longestGroupInterval(child);
      longest = inChild.compareTo(longest) > 0 ? inChild : longest;
    }
    return longest;
  }

  /** Flushes, in time order, every group due strictly before {@code limit}. */
  private static void flushDueBefore(Dispatcher dispatcher, EventClock clock, Instant limit) {
    for (Optional<Instant> due = dispatcher.nextDue(); due.isPresent() && due.get().isBefore(limit);
         due = dispatcher.nextDue()) {
      if (due.get().isAfter(clock.now)) {
        clock.now = due.get();
      }
      dispatcher.tick();
    }
  }

  /** Mute, de-duplicate, record: the live pipeline's decisions without the delivery. */
  private static final class Recorder implements Dispatcher.FlushHandler {
    private final SinkConfig routing;
    private final Inhibitor inhibitor;
    private final NotificationLog log = NotificationLog.inMemory();
    private final List<WouldNotify> sent = new ArrayList<>();
    private final Instant rangeEnd;
    private final java.util.Set<String> flushedAfterEnd = new java.util.HashSet<>();

    Recorder(SinkConfig routing, Inhibitor inhibitor, Instant rangeEnd) {
      this.routing = routing;
      this.inhibitor = inhibitor;
      this.rangeEnd = rangeEnd;
    }

    @Override
    public void flush(Flush flush, Dispatcher.Completion done) {
      if (flush.at().isAfter(rangeEnd) && !flushedAfterEnd.add(flush.groupKey())) {
        done.done(true);
        return;
      }
      List<Alert> kept = flush.alerts().stream().filter(alert -> alert.getStatus() != AlertStatus.firing
          || inhibitor.mutedBy(alert.getFingerprint(), AlertLabels.of(alert)).isEmpty()).toList();
      TreeSet<String> firing = fingerprints(kept, AlertStatus.firing);
      TreeSet<String> resolved = fingerprints(kept, AlertStatus.resolved);
      String receiver = flush.route().receiver();
      for (Receivers.Entry integration : Receivers.integrations(routing, receiver)) {
        if (!kept.isEmpty() && Dedup.needsUpdate(log.get(flush.groupKey(), integration.name()), firing, resolved,
            flush.route().repeatInterval(), flush.at())) {
          log.record(flush.groupKey(), receiver, integration.name(), firing, resolved, flush.at());
          sent.add(new WouldNotify(flush.at().toEpochMilli(), receiver, integration.name(), integration.type(),
              flush.groupKey(), flush.groupLabels(), firing.isEmpty() ? "resolved" : "firing",
              kept.stream().map(Recorder::notified).toList()));
        }
      }
      done.done(true);
    }

    private static WouldNotify.NotifiedAlert notified(Alert alert) {
      return new WouldNotify.NotifiedAlert(alert.getFingerprint(), alert.getRule(), alert.getSeverity().name(),
          alert.getStatus().name(), alert.getAnnotations().getOrDefault("summary", ""), alert.getValue(),
          alert.getThreshold());
    }

    private static TreeSet<String> fingerprints(List<Alert> alerts, AlertStatus status) {
      TreeSet<String> out = new TreeSet<>();
      alerts.stream().filter(a -> a.getStatus() == status).forEach(a -> out.add(a.getFingerprint()));
      return out;
    }
  }

  /** The simulation's clock: event time, moved only by the simulation. */
  private static final class EventClock extends Clock {
    Instant now = Instant.EPOCH;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

package dev.klaxon.sink.pipeline;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.sink.group.Dispatcher;
import dev.klaxon.sink.group.Flush;
import dev.klaxon.sink.inhibit.Inhibitor;
import dev.klaxon.sink.inhibit.Inhibitor.Inhibition;
import dev.klaxon.sink.nflog.Dedup;
import dev.klaxon.sink.nflog.NotificationLog;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.route.AlertLabels;
import dev.klaxon.sink.silence.Silence;
import dev.klaxon.sink.silence.Silences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What happens to a due group, stage by stage as in Alertmanager: mute (inhibited, silenced),
 * then for each integration of the receiver de-duplicate against the notification log, send, and
 * log what was sent. Firing alerts are muted; resolved ones pass, so an alert that was notified and
 * then muted still gets its resolved notice. Each integration sends on its own executor, so a slow
 * one holds up nobody else.
 */
public final class NotificationPipeline implements Dispatcher.FlushHandler {

  private final ReceiverNotifiers notifiers;
  private final Inhibitor inhibitor;
  private final Silences silences;
  private final NotificationLog log;
  private final Clock clock;
  private final SinkEvents events;
  private final Function<String, Executor> executors;

  /** @param executors per integration id ({@code receiver/slack[0]}); {@code Runnable::run} in tests */
  public NotificationPipeline(ReceiverNotifiers notifiers, Inhibitor inhibitor, Silences silences,
      NotificationLog log, Clock clock, SinkEvents events, Function<String, Executor> executors) {
    this.notifiers = notifiers;
    this.inhibitor = inhibitor;
    this.silences = silences;
    this.log = log;
    this.clock = clock;
    this.events = events;
    this.executors = executors;
  }

  @Override
  public void flush(Flush flush, Dispatcher.Completion done) {
    List<Alert> kept = unmuted(flush);
    if (kept.isEmpty()) {
      done.done(true);
      return;
    }
    String receiver = flush.route().receiver();
    AlertGroup group = new AlertGroup(flush.groupKey(), receiver, flush.groupLabels(), kept);
    TreeSet<String> firing = fingerprints(kept, AlertStatus.firing);
    TreeSet<String> resolved = fingerprints(kept, AlertStatus.resolved);

    List<ReceiverNotifiers.Named> toSend = new ArrayList<>();
    for (ReceiverNotifiers.Named named : notifiers.of(receiver)) {
      if (Dedup.needsUpdate(log.get(flush.groupKey(), named.name()), firing, resolved,
          flush.route().repeatInterval(), flush.at())) {
        toSend.add(named);
      } else {
        events.deduplicated(flush.groupKey(), named.name(), flush.at());
      }
    }
    if (toSend.isEmpty()) {
      done.done(true);
      return;
    }
    AtomicInteger pending = new AtomicInteger(toSend.size());
    AtomicBoolean allDelivered = new AtomicBoolean(true);
    for (ReceiverNotifiers.Named named : toSend) {
      executors.apply(receiver + "/" + named.name()).execute(() -> {
        boolean ok = send(group, named, firing, resolved);
        if (!ok) {
          allDelivered.set(false);
        }
        if (pending.decrementAndGet() == 0) {
          done.done(allDelivered.get());
        }
      });
    }
  }

  private boolean send(AlertGroup group, ReceiverNotifiers.Named named, TreeSet<String> firing,
      TreeSet<String> resolved) {
    try {
      named.notifier().notify(group);
    } catch (NotifyException e) {
      events.failed(group, named.name(), e.getMessage(), clock.instant());
      return false;
    } catch (RuntimeException e) {
      // A bug in an integration must not stop the sink; the message may not be safe to print whole.
      events.failed(group, named.name(), e.getClass().getSimpleName(), clock.instant());
      return false;
    }
    try {
      log.record(group.groupKey(), group.receiver(), named.name(), firing, resolved, clock.instant());
    } catch (RuntimeException e) {
      // Delivered but not logged: counted as failed so the group is retried; a duplicate beats a loss.
      events.failed(group, named.name(), "sent, but the notification log could not be written: " + e.getMessage(),
          clock.instant());
      return false;
    }
    events.sent(group, named.name(), clock.instant());
    return true;
  }

  private List<Alert> unmuted(Flush flush) {
    List<Alert> kept = new ArrayList<>();
    for (Alert alert : flush.alerts()) {
      if (alert.getStatus() == AlertStatus.firing) {
        Map<String, String> labels = AlertLabels.of(alert);
        Optional<Inhibition> inhibition = inhibitor.mutedBy(alert.getFingerprint(), labels);
        if (inhibition.isPresent()) {
          events.inhibited(alert, flush.groupKey(), inhibition.get(), flush.at());
          continue;
        }
        Optional<Silence> silence = silences.mutedBy(labels, flush.at());
        if (silence.isPresent()) {
          events.silenced(alert, flush.groupKey(), silence.get(), flush.at());
          continue;
        }
      }
      kept.add(alert);
    }
    return kept;
  }

  private static TreeSet<String> fingerprints(List<Alert> alerts, AlertStatus status) {
    TreeSet<String> out = new TreeSet<>();
    alerts.stream().filter(a -> a.getStatus() == status).forEach(a -> out.add(a.getFingerprint()));
    return out;
  }
}

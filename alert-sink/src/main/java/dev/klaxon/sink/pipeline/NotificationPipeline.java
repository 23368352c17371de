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
import dev.klaxon.sink.notify.delivery.Outbox;
import dev.klaxon.sink.route.AlertLabels;
import dev.klaxon.sink.silence.Silence;
import dev.klaxon.sink.silence.Silences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happens to a due group, stage by stage as in Alertmanager: mute (inhibited, silenced),
 * then for each integration of the receiver de-duplicate against the notification log and hand
 * the group to the {@link Outbox} for that integration (the delivery stage: pacing, retries, dead
 * letters). The log is written when delivery reports the provider accepted it, so a crash before
 * that sends it again (at-least-once) and a crash after it does not (de-duplicated by the log).
 * Firing alerts are muted; resolved ones pass, so an alert that was notified and then muted still
 * gets its resolved notice.
 *
 * <p>The flush completes when every integration it went to has settled; until then the dispatcher
 * keeps the group in flight and does not flush it again, so a notification still queued or
 * retrying is never sent twice by the next group_interval tick.
 */
public final class NotificationPipeline implements Dispatcher.FlushHandler {

  private final Outbox outbox;
  private final Inhibitor inhibitor;
  private final Silences silences;
  private final NotificationLog log;
  private final Clock clock;
  private final SinkEvents events;

  public NotificationPipeline(Outbox outbox, Inhibitor inhibitor, Silences silences,
      NotificationLog log, Clock clock, SinkEvents events) {
    this.outbox = outbox;
    this.inhibitor = inhibitor;
    this.silences = silences;
    this.log = log;
    this.clock = clock;
    this.events = events;
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

    List<String> toSend = new ArrayList<>();
    for (String integration : outbox.integrations(receiver)) {
      if (Dedup.needsUpdate(log.get(flush.groupKey(), integration), firing, resolved,
          flush.route().repeatInterval(), flush.at())) {
        toSend.add(integration);
      } else {
        events.deduplicated(flush.groupKey(), integration, flush.at());
      }
    }
    if (toSend.isEmpty()) {
      done.done(true);
      return;
    }
    AtomicInteger pending = new AtomicInteger(toSend.size());
    AtomicBoolean allDelivered = new AtomicBoolean(true);
    for (String integration : toSend) {
      outbox.submit(integration, group, outcome -> {
        if (!settle(group, integration, outcome)) {
          allDelivered.set(false);
        }
        if (pending.decrementAndGet() == 0) {
          done.done(allDelivered.get());
        }
      });
    }
  }

  /** Logs a delivery (what was actually sent: coalescing may have sent a newer state); true when delivered and logged. */
  private boolean settle(AlertGroup group, String integration, Outbox.Outcome outcome) {
    if (outcome instanceof Outbox.Outcome.Failed failed) {
      events.failed(group, integration, failed.reason(), clock.instant());
      return false;
    }
    AlertGroup sent = ((Outbox.Outcome.Delivered) outcome).sent();
    try {
      log.record(sent.groupKey(), sent.receiver(), integration, fingerprints(sent.alerts(), AlertStatus.firing),
          fingerprints(sent.alerts(), AlertStatus.resolved), clock.instant());
    } catch (RuntimeException e) {
      // Delivered but not logged: counted as failed so the group is retried; a duplicate beats a loss.
      events.notLogged(sent, integration, "sent, but the notification log could not be written: " + e.getMessage(),
          clock.instant());
      return false;
    }
    events.sent(sent, integration, clock.instant());
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

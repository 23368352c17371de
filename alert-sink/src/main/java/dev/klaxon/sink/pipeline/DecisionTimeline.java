package dev.klaxon.sink.pipeline;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.inhibit.Inhibitor.Inhibition;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.silence.Silence;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to each alert, step by step (design §8 "every decision is explained"): received and
 * into which groups, inhibited by which alert, silenced by which silence, sent or failed where.
 * Repeated mutes of the same kind are recorded once. Kept in memory on the instance that decided,
 * bounded; served at {@code GET /api/v1/alerts/{fingerprint}/why}.
 */
public final class DecisionTimeline implements SinkEvents {

  public record Step(Instant at, String what) {}

  private static final int MAX_ALERTS = 10_000;
  private static final int MAX_STEPS = 50;

  private final Map<String, Deque<Step>> byFingerprint = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Step>> eldest) {
      return size() > MAX_ALERTS;
    }
  };

  public synchronized List<Step> of(String fingerprint) {
    Deque<Step> steps = byFingerprint.get(fingerprint);
    return steps == null ? List.of() : List.copyOf(steps);
  }

  private synchronized void add(String fingerprint, Instant at, String what) {
    Deque<Step> steps = byFingerprint.computeIfAbsent(fingerprint, k -> new ArrayDeque<>());
    if (!steps.isEmpty() && steps.peekLast().what().equals(what)) {
      return;
    }
    steps.addLast(new Step(at, what));
    if (steps.size() > MAX_STEPS) {
      steps.removeFirst();
    }
  }

  @Override
  public void received(Alert alert, List<String> groupKeys, Instant at) {
    add(alert.getFingerprint(), at, "received " + alert.getStatus() + " (" + alert.getSeverity() + "), grouped into "
        + String.join(" and ", groupKeys));
  }

  @Override
  public void inhibited(Alert alert, String groupKey, Inhibition by, Instant at) {
    add(alert.getFingerprint(), at, "inhibited in " + groupKey + " by firing alert " + by.sourceFingerprint()
        + " (" + by.sourceRule() + ", " + by.rulePath() + ")");
  }

  @Override
  public void silenced(Alert alert, String groupKey, Silence by, Instant at) {
    add(alert.getFingerprint(), at, "silenced in " + groupKey + " by silence " + by.id() + " of " + by.createdBy()
        + " (" + by.comment() + ")");
  }

  @Override
  public void sent(AlertGroup group, String integration, Instant at) {
    for (Alert alert : group.alerts()) {
      add(alert.getFingerprint(), at, "sent " + alert.getStatus() + " to " + group.receiver() + "/" + integration);
    }
  }

  @Override
  public void failed(AlertGroup group, String integration, String reason, Instant at) {
    for (Alert alert : group.alerts()) {
      add(alert.getFingerprint(), at, "sending to " + group.receiver() + "/" + integration + " failed: " + reason);
    }
  }

  @Override
  public void notLogged(AlertGroup group, String integration, String reason, Instant at) {
    for (Alert alert : group.alerts()) {
      add(alert.getFingerprint(), at, "sending to " + group.receiver() + "/" + integration + ": " + reason);
    }
  }
}

package dev.klaxon.replay.report;

import dev.klaxon.replay.AlertTransition;
import dev.klaxon.replay.report.ReplayReport.AlertChange;
import dev.klaxon.replay.report.ReplayReport.AlertSpan;
import dev.klaxon.replay.report.ReplayReport.AlertTimeline;
import dev.klaxon.rules.RuleConditions.Condition;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert timeline: each alert's spans, pending and firing, on the report's time axis. Firing comes from
 * the recomputed transitions (fired, escalated, de-escalated, resolved). Pending is no transition the
 * evaluator writes: it is derived from the rules' conditions on the closed windows ({@link Condition}) — a
 * run of contiguous windows whose condition holds while the alert is not firing, from the first window's
 * start to the firing it led to, or to the last holding window's end when the condition stopped holding
 * first (a pending that never fired: what a team tuning a threshold wants to see).
 */
final class AlertSpans {

  static final String PENDING = "pending";
  static final String FIRING = "firing";
  /** How a pending span ends when it led to a firing; otherwise {@code condition ended}. */
  static final String FIRED = "fired";

  private AlertSpans() {}

  /** One timeline per alert that was pending or firing in the range, in order of its first span. */
  static List<AlertTimeline> timelines(List<AlertTransition> transitions, List<Condition> conditions, long rangeEnd) {
    Map<String, List<AlertTransition>> byAlert = new LinkedHashMap<>();
    transitions.forEach(t -> byAlert.computeIfAbsent(t.alert().getFingerprint(), k -> new ArrayList<>()).add(t));
    Map<String, List<Condition>> conditionsByAlert = new LinkedHashMap<>();
    conditions.forEach(c -> conditionsByAlert.computeIfAbsent(c.fingerprint(), k -> new ArrayList<>()).add(c));

    Map<String, Header> headers = new LinkedHashMap<>();
    byAlert.forEach((fingerprint, list) -> {
      var alert = list.get(0).alert();
      Map<String, String> labels = new TreeMap<>(alert.getLabels());
      labels.remove("severity"); // it changes along the timeline; the spans carry it
      headers.put(fingerprint, new Header(alert.getRule(), labels));
    });
    conditionsByAlert.forEach((fingerprint, list) -> headers.putIfAbsent(fingerprint,
        new Header(list.get(0).rule(), new TreeMap<>(list.get(0).labels()))));

    List<AlertTimeline> out = new ArrayList<>();
    headers.forEach((fingerprint, header) -> {
      List<AlertTransition> own = byAlert.getOrDefault(fingerprint, List.of());
      List<AlertChange> changes = changes(own);
      List<AlertSpan> spans = new ArrayList<>(firing(changes, rangeEnd));
      spans.addAll(pending(conditionsByAlert.getOrDefault(fingerprint, List.of()), spans));
      if (spans.isEmpty()) {
        return; // its condition never held, nothing fired
      }
      spans.sort(Comparator.comparingLong(AlertSpan::from));
      Map<String, String> labels = new TreeMap<>(header.labels);
      labels.remove("alertname");
      out.add(new AlertTimeline(fingerprint, header.rule, labels, List.copyOf(spans), changes));
    });
    out.sort(Comparator.comparingLong((AlertTimeline t) -> t.spans().get(0).from()).thenComparing(AlertTimeline::rule)
        .thenComparing(AlertTimeline::fingerprint));
    return out;
  }

  /** Transitions named by what they did: fired, escalated or de-escalated (severity changed while firing), resolved. */
  static List<AlertChange> changes(List<AlertTransition> transitions) {
    List<AlertChange> out = new ArrayList<>();
    Severity firing = null;
    for (AlertTransition t : transitions) {
      var alert = t.alert();
      String kind;
      if (alert.getStatus() == AlertStatus.resolved) {
        kind = "resolved";
        firing = null;
      } else {
        // Severity lists critical first: a lower ordinal is more severe.
        kind = firing == null ? "fired" : alert.getSeverity().compareTo(firing) < 0 ? "escalated" : "de-escalated";
        firing = alert.getSeverity();
      }
      out.add(new AlertChange(t.at(), kind, alert.getStatus().name(), alert.getSeverity().name(), alert.getValue(),
          alert.getThreshold(), alert.getAnnotations().getOrDefault("summary", "")));
    }
    return out;
  }

  /** A firing span per stretch of one severity, ended by the next change or the range's end. */
  private static List<AlertSpan> firing(List<AlertChange> changes, long rangeEnd) {
    List<AlertSpan> out = new ArrayList<>();
    AlertChange open = null;
    for (AlertChange change : changes) {
      if (open != null) {
        out.add(new AlertSpan(open.at(), change.at(), FIRING, open.severity(), change.kind()));
        open = null;
      }
      if (!change.kind().equals("resolved")) {
        open = change;
      }
    }
    if (open != null) {
      out.add(new AlertSpan(open.at(), rangeEnd, FIRING, open.severity(), "end of range"));
    }
    return out;
  }

  /**
   * Runs of contiguous holding windows outside firing spans. A run ends in a firing when an alert fired at
   * its last window's end (the window that confirmed it), else where the condition stopped holding.
   */
  private static List<AlertSpan> pending(List<Condition> conditions, List<AlertSpan> firing) {
    List<Condition> ordered = new ArrayList<>(conditions);
    ordered.sort(Comparator.comparingLong(Condition::windowStart));
    List<AlertSpan> out = new ArrayList<>();
    Run run = null;
    for (Condition c : ordered) {
      boolean pendingWindow = c.holds() && !firingDuring(firing, c.windowStart());
      if (run != null && (!pendingWindow || c.windowStart() != run.end)) {
        out.add(run.span("condition ended"));
        run = null;
      }
      if (!pendingWindow) {
        continue;
      }
      run = run == null ? new Run(c.windowStart()) : run;
      run.end = c.windowEnd();
      Severity breach = c.breach().orElseThrow();
      run.severity = run.severity == null || breach.compareTo(run.severity) < 0 ? breach : run.severity;
      if (firesAt(firing, c.windowEnd())) {
        out.add(run.span(FIRED));
        run = null;
      }
    }
    if (run != null) {
      out.add(run.span("condition ended"));
    }
    return out;
  }

  private static boolean firingDuring(List<AlertSpan> firing, long windowStart) {
    return firing.stream().anyMatch(s -> windowStart >= s.from() && windowStart < s.to());
  }

  private static boolean firesAt(List<AlertSpan> firing, long at) {
    return firing.stream().anyMatch(s -> s.from() == at);
  }

  private record Header(String rule, Map<String, String> labels) {}

  private static final class Run {
    final long start;
    long end;
    Severity severity;

    Run(long start) {
      this.start = start;
    }

    AlertSpan span(String endedBy) {
      return new AlertSpan(start, end, PENDING, severity.name(), endedBy);
    }
  }
}

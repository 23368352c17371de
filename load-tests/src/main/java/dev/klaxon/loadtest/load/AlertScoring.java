package dev.klaxon.loadtest.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alert quality over a run: matches alert episodes (a fingerprint's firing transition from inactive,
 * escalations included in it) to the injected incidents, and counts what the seeds' users care about:
 * incidents detected (recall), alerts with no incident behind them (false positives), and flaps (an
 * alert firing again after it resolved, within the run).
 *
 * <p>An episode belongs to an incident when one of its labels names what the incident hit (its service,
 * or for a cost runaway its user or the billed service) and it starts between the incident's first event
 * and {@code slack} after its end: closed windows report up to a window and its grace late, and silence
 * is alerted a threshold after it began. An alert on a drift is a false positive: a drift stays under the
 * thresholds.
 */
public final class AlertScoring {

  /** A transition on the alerts topic as it arrived (epoch ms). */
  public record Transition(long arrivedAtMs, String fingerprint, String rule, String severity, String status,
      Map<String, String> labels) {}

  /** One alert of a notification at the webhook, as it arrived (epoch ms), and the receiver it was sent to. */
  public record Notified(long arrivedAtMs, String receiver, String alertname, String status,
      Map<String, String> labels) {}

  /**
   * An injected incident in time: from its first affected event to its end, the label values an alert
   * about it carries ({@code service} or {@code user}), and which rules may alert on it (empty: any; a
   * cost runaway is alerted by spend rules, not by a silence of the billed service).
   */
  public record Target(String name, IncidentKind kind, boolean expectsAlert, long startMs, long endMs,
      Map<String, Set<String>> labels, Set<String> rules) {

    /** Whether alert labels name what the incident hit. */
    boolean names(Map<String, String> alertLabels) {
      return labels.entrySet().stream().anyMatch(e -> alertLabels.containsKey(e.getKey())
          && e.getValue().contains(alertLabels.get(e.getKey())));
    }

    boolean matches(Transition t, Duration slack) {
      return t.arrivedAtMs() >= startMs && (endMs == Long.MAX_VALUE || t.arrivedAtMs() <= endMs + slack.toMillis())
          && (rules.isEmpty() || rules.contains(t.rule())) && names(t.labels());
    }
  }

  /**
   * Per incident: the first matching alert and notification, in seconds from its first event; and from the
   * breach of the rule that alerted first (the data crossing its threshold, {@link BreachTracker}), which
   * is Klaxon's own part. Breach columns are null when no breach of that rule was seen.
   *
   * @param breachSeconds first event to the breach of the first rule to fire
   * @param breaches the first breach of every rule that fired for the incident, in order of rules
   */
  public record Detection(String incident, IncidentKind kind, boolean expectsAlert, List<String> rules,
      Double alertSeconds, Double webhookSeconds, Double breachSeconds, Double breachToAlertSeconds,
      Double breachToWebhookSeconds, List<RuleBreach> breaches) {
    public boolean detected() {
      return alertSeconds != null;
    }
  }

  /** A rule that fired for an incident: when its data first breached, seconds from the incident's first event. */
  public record RuleBreach(String rule, String severity, double seconds) {}

  /** An alert episode no incident explains, or one on a drift. */
  public record FalseAlert(String rule, String severity, Map<String, String> labels, long arrivedAtMs, String why) {}

  /** A fingerprint that fired again after resolving. */
  public record Flap(String rule, Map<String, String> labels, long resolvedAtMs, long firedAgainAtMs) {}

  /**
   * @param recall detected incidents that should alert, over all of them (1 when none should)
   */
  public record Quality(List<Detection> detections, double recall, int incidentsExpected, int incidentsDetected,
      List<FalseAlert> falseAlerts, List<Flap> flaps, int episodes) {}

  private AlertScoring() {}

  /** {@link #score(List, List, List, List, Duration)} without breaches: the breach columns stay empty. */
  public static Quality score(List<Target> targets, List<Transition> transitions, List<Notified> notified,
      Duration slack) {
    return score(targets, transitions, notified, List.of(), slack);
  }

  public static Quality score(List<Target> targets, List<Transition> transitions, List<Notified> notified,
      List<BreachTracker.Breach> breaches, Duration slack) {
    Map<String, Transition> lastByFingerprint = new HashMap<>();
    Map<String, List<Transition>> episodesByTarget = new HashMap<>();
    List<FalseAlert> falseAlerts = new ArrayList<>();
    List<Flap> flaps = new ArrayList<>();
    int episodes = 0;
    for (Transition t : transitions) {
      Transition previous = lastByFingerprint.put(t.fingerprint(), t);
      boolean newEpisode = t.status().equals("firing") && (previous == null || previous.status().equals("resolved"));
      if (!newEpisode) {
        continue;
      }
      episodes++;
      if (previous != null) {
        flaps.add(new Flap(t.rule(), t.labels(), previous.arrivedAtMs(), t.arrivedAtMs()));
      }
      Optional<Target> target = targets.stream().filter(x -> x.matches(t, slack)).findFirst();
      if (target.isEmpty()) {
        falseAlerts.add(new FalseAlert(t.rule(), t.severity(), t.labels(), t.arrivedAtMs(), "no incident behind it"));
      } else if (!target.get().expectsAlert()) {
        falseAlerts.add(new FalseAlert(t.rule(), t.severity(), t.labels(), t.arrivedAtMs(),
            "on " + target.get().name() + ", a " + target.get().kind() + " meant to stay under the thresholds"));
      } else {
        episodesByTarget.computeIfAbsent(target.get().name(), k -> new ArrayList<>()).add(t);
      }
    }
    List<Detection> detections = new ArrayList<>();
    for (Target target : targets) {
      List<Transition> mine = episodesByTarget.getOrDefault(target.name(), List.of());
      Double alert = mine.isEmpty() ? null : seconds(target, mine.get(0).arrivedAtMs());
      Double webhook = notified.stream().filter(n -> n.status().equals("firing") && n.arrivedAtMs() >= target.startMs()
              && mine.stream().anyMatch(t -> sameAlert(t, n)))
          .map(n -> seconds(target, n.arrivedAtMs())).findFirst().orElse(null);
      List<String> rules = mine.stream().map(Transition::rule).distinct().toList();
      List<RuleBreach> ruleBreaches = new ArrayList<>();
      for (String rule : rules) {
        BreachTracker.first(breaches, rule, target.startMs(), target::names).ifPresent(b -> ruleBreaches.add(
            new RuleBreach(rule, b.severity().name(), seconds(target, b.atMs()))));
      }
      Double breach = ruleBreaches.isEmpty() || !ruleBreaches.get(0).rule().equals(rules.get(0)) ? null
          : ruleBreaches.get(0).seconds();
      detections.add(new Detection(target.name(), target.kind(), target.expectsAlert(), rules, alert, webhook,
          breach, minus(alert, breach), minus(webhook, breach), ruleBreaches));
    }
    int expected = (int) targets.stream().filter(Target::expectsAlert).count();
    int detected = (int) detections.stream().filter(d -> d.expectsAlert() && d.detected()).count();
    return new Quality(detections, expected == 0 ? 1 : detected / (double) expected, expected, detected,
        falseAlerts, flaps, episodes);
  }

  /**
   * The notification is about the episode's alert: its labels all there but {@code severity}, which an
   * escalation changes (a warning that escalates at once is notified as critical only: inhibition).
   */
  private static boolean sameAlert(Transition t, Notified n) {
    return t.rule().equals(n.alertname()) && t.labels().entrySet().stream()
        .allMatch(label -> label.getKey().equals("severity") || label.getValue().equals(n.labels().get(label.getKey())));
  }

  private static Double minus(Double a, Double b) {
    return a == null || b == null ? null : Math.round((a - b) * 1000) / 1000.0;
  }

  private static double seconds(Target target, long atMs) {
    return (atMs - target.startMs()) / 1000.0;
  }
}

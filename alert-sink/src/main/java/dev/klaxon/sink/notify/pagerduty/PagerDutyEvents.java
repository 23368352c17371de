package dev.klaxon.sink.notify.pagerduty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.internal.AlertFacts;
import dev.klaxon.sink.notify.internal.GroupView;
import dev.klaxon.sink.notify.internal.Json;
import dev.klaxon.sink.notify.internal.Severities;
import dev.klaxon.sink.notify.internal.Text;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Events API v2 bodies. A firing group is one {@code trigger} whose dedup_key is the group key, so
 * every update of the group updates the same PagerDuty alert; a resolved group is a {@code resolve}
 * with the same key. Severity maps one to one (critical, warning, info); summary is cut to 1,024.
 */
final class PagerDutyEvents {

  static final int SUMMARY_MAX = 1024;
  static final int LINKS_MAX = 5;

  private final Optional<String> source;
  private final String client;
  private final Optional<String> clientUrl;
  private final int maxAlerts;

  PagerDutyEvents(Optional<String> source, String client, Optional<String> clientUrl, int maxAlerts) {
    this.source = source;
    this.client = client;
    this.clientUrl = clientUrl;
    this.maxAlerts = maxAlerts;
  }

  ObjectNode resolve(Secret routingKey, AlertGroup group) {
    return envelope(routingKey, "resolve", group);
  }

  ObjectNode trigger(Secret routingKey, GroupView view) {
    ObjectNode event = envelope(routingKey, "trigger", view.group());
    ObjectNode payload = basePayload(view);
    view.commonLabels().entrySet().stream().filter(e -> e.getKey().equals("service")).findFirst()
        .ifPresent(e -> payload.put("component", e.getValue()));
    view.commonRule().ifPresent(rule -> payload.put("class", rule));
    payload.set("custom_details", details(view));
    event.set("payload", payload);
    event.put("client", client);
    clientUrl.ifPresent(url -> event.put("client_url", url));
    ArrayNode links = links(view.ordered());
    if (!links.isEmpty()) {
      event.set("links", links);
    }
    return event;
  }

  /** The fallback: the same trigger without the details a rendering failure might come from. */
  ObjectNode plainTrigger(Secret routingKey, GroupView view) {
    ObjectNode event = envelope(routingKey, "trigger", view.group());
    ObjectNode payload = Json.object();
    payload.put("summary", Text.truncate(view.plainText(), SUMMARY_MAX));
    payload.put("source", source.orElse("klaxon"));
    payload.put("severity", severity(view));
    event.set("payload", payload);
    event.put("client", client);
    return event;
  }

  private static ObjectNode envelope(Secret routingKey, String action, AlertGroup group) {
    ObjectNode event = Json.object();
    event.put("routing_key", routingKey.reveal());
    event.put("event_action", action);
    event.put("dedup_key", DedupKey.of(group.groupKey()));
    return event;
  }

  private ObjectNode basePayload(GroupView view) {
    ObjectNode payload = Json.object();
    payload.put("summary", Text.truncate(summary(view), SUMMARY_MAX));
    payload.put("source", source.orElseGet(() -> view.commonLabels().getOrDefault("service", "klaxon")));
    payload.put("severity", severity(view));
    view.group().firing().stream().mapToLong(Alert::getStartsAt).min()
        .ifPresent(start -> payload.put("timestamp", java.time.Instant.ofEpochMilli(start).toString()));
    return payload;
  }

  /** e.g. {@code [FIRING:3] HighP95Latency: p95 latency 2350ms on checkout — 2350 ms (threshold 2000 ms) (+2 more alerts)}. */
  private static String summary(GroupView view) {
    List<Alert> firing = view.ordered().stream().filter(a -> view.group().firing().contains(a)).toList();
    Alert first = firing.get(0);
    String more = firing.size() > 1 ? " (" + Text.more(firing.size() - 1, "alert") + ")" : "";
    return "[FIRING:" + firing.size() + "] " + view.ruleNames() + ": "
        + AlertFacts.summary(first) + " — " + AlertFacts.valueVsThreshold(first) + more;
  }

  private static String severity(GroupView view) {
    Severity worst = Severities.worst(view.group().firing()).orElse(Severity.info);
    return worst.name().toLowerCase(Locale.ROOT); // PagerDuty's critical|warning|info match Klaxon's
  }

  private ObjectNode details(GroupView view) {
    ObjectNode details = Json.object();
    details.put("firing", view.group().firing().size());
    details.put("resolved", view.group().resolved().size());
    details.put("receiver", view.group().receiver());
    details.set("group_labels", Json.sortedObject(view.group().groupLabels()));
    ArrayNode alerts = Json.array();
    List<Alert> ordered = view.ordered();
    ordered.stream().limit(maxAlerts).forEach(alert -> alerts.add(detail(alert)));
    details.set("alerts", alerts);
    if (ordered.size() > maxAlerts) {
      details.put("more", Text.more(ordered.size() - maxAlerts, "alert"));
    }
    return details;
  }

  private static ObjectNode detail(Alert alert) {
    ObjectNode detail = Json.object();
    detail.put("rule", alert.getRule());
    detail.put("status", alert.getStatus().name());
    detail.put("severity", alert.getSeverity().name());
    detail.put("summary", AlertFacts.summary(alert));
    AlertFacts.description(alert).ifPresent(d -> detail.put("description", d));
    detail.put("value", AlertFacts.valueVsThreshold(alert));
    detail.put("since", AlertFacts.startsAt(alert).toString());
    AlertFacts.endsAt(alert).ifPresent(end -> detail.put("resolved_at", end.toString()));
    AlertFacts.runbook(alert).ifPresent(url -> detail.put("runbook", url));
    detail.set("labels", Json.sortedObject(GroupView.stringMap(alert.getLabels())));
    detail.put("fingerprint", alert.getFingerprint());
    return detail;
  }

  private static ArrayNode links(List<Alert> alerts) {
    Set<String> seen = new LinkedHashSet<>();
    ArrayNode links = Json.array();
    for (Alert alert : alerts) {
      Optional<String> runbook = AlertFacts.runbook(alert);
      if (runbook.isPresent() && seen.add(runbook.get()) && links.size() < LINKS_MAX) {
        links.add(Json.object().put("href", runbook.get()).put("text", "Runbook: " + alert.getRule()));
      }
    }
    return links;
  }
}

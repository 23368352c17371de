package dev.klaxon.sink.notify.pagerduty;

import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.internal.GroupView;
import dev.klaxon.sink.notify.internal.Json;
import dev.klaxon.sink.notify.internal.JsonPoster;
import dev.klaxon.sink.notify.internal.Rendering;
import java.util.Optional;

/** Sends trigger and resolve events for alert groups to one PagerDuty routing key. */
final class PagerDutyNotifier implements Notifier {

  private final Secret eventsUrl; // not secret, but JsonPoster takes the URL as a Secret; masking it does no harm
  private final Secret routingKey;
  private final boolean sendResolved;
  private final PagerDutyEvents events;
  private final JsonPoster poster;
  private final NotifyStats stats;

  PagerDutyNotifier(Secret eventsUrl, Secret routingKey, boolean sendResolved, PagerDutyEvents events, JsonPoster poster, NotifyStats stats) {
    this.eventsUrl = eventsUrl;
    this.routingKey = routingKey;
    this.sendResolved = sendResolved;
    this.events = events;
    this.poster = poster;
    this.stats = stats;
  }

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public void notify(AlertGroup group) throws NotifyException {
    if (group.isResolved() && !sendResolved) {
      return;
    }
    GroupView view = new GroupView(group);
    var event = group.isResolved()
        ? events.resolve(routingKey, group)
        : Rendering.withFallback(type(), group, stats, () -> events.trigger(routingKey, view), () -> events.plainTrigger(routingKey, view));
    // the routing key is in the body, so the poster must mask it in whatever comes back
    poster.post(eventsUrl, Json.write(event), Optional.empty(), routingKey);
  }

  @Override
  public String toString() {
    return "pagerduty(" + routingKey + ")";
  }
}

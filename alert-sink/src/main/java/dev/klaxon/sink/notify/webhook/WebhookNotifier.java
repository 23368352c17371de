package dev.klaxon.sink.notify.webhook;

import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.internal.Json;
import dev.klaxon.sink.notify.internal.JsonPoster;
import java.util.Optional;

/** POSTs the Alertmanager-shaped JSON of an alert group to one URL. */
final class WebhookNotifier implements Notifier {

  private final Secret url;
  private final Optional<Secret> bearerToken;
  private final boolean sendResolved;
  private final WebhookPayload payload;
  private final JsonPoster poster;

  WebhookNotifier(Secret url, Optional<Secret> bearerToken, boolean sendResolved, WebhookPayload payload, JsonPoster poster) {
    this.url = url;
    this.bearerToken = bearerToken;
    this.sendResolved = sendResolved;
    this.payload = payload;
    this.poster = poster;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public void notify(AlertGroup group) throws NotifyException {
    if (group.isResolved() && !sendResolved) {
      return;
    }
    poster.post(url, Json.write(payload.render(group)), bearerToken);
  }

  @Override
  public String toString() {
    return "webhook(" + url + ")";
  }
}

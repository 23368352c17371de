package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.NotifyStats;
import java.util.Optional;

/**
 * Posts a chat message to an incoming webhook (Slack, Discord): the provider-specific part is only
 * the {@link ChatMessage} layout. Resolved groups are skipped when {@code send_resolved} is off.
 */
public final class ChatWebhookNotifier implements Notifier {

  private final String type;
  private final Secret url;
  private final boolean sendResolved;
  private final ChatMessage message;
  private final JsonPoster poster;
  private final NotifyStats stats;

  public ChatWebhookNotifier(String type, Secret url, boolean sendResolved, ChatMessage message, JsonPoster poster,
      NotifyStats stats) {
    this.type = type;
    this.url = url;
    this.sendResolved = sendResolved;
    this.message = message;
    this.poster = poster;
    this.stats = stats;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public void notify(AlertGroup group) throws NotifyException {
    if (group.isResolved() && !sendResolved) {
      return;
    }
    GroupView view = new GroupView(group);
    var body = Rendering.withFallback(type, group, stats, () -> message.render(view), () -> message.plain(view));
    poster.post(url, Json.write(body), Optional.empty());
  }

  @Override
  public String toString() {
    return type + "(" + url + ")";
  }
}

package dev.klaxon.sink.notify.discord;

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

/** Posts one message of embeds per alert group to one Discord webhook. */
final class DiscordNotifier implements Notifier {

  private final Secret url;
  private final boolean sendResolved;
  private final DiscordMessage message;
  private final JsonPoster poster;
  private final NotifyStats stats;

  DiscordNotifier(Secret url, boolean sendResolved, DiscordMessage message, JsonPoster poster, NotifyStats stats) {
    this.url = url;
    this.sendResolved = sendResolved;
    this.message = message;
    this.poster = poster;
    this.stats = stats;
  }

  @Override
  public String type() {
    return "discord";
  }

  @Override
  public void notify(AlertGroup group) throws NotifyException {
    if (group.isResolved() && !sendResolved) {
      return;
    }
    GroupView view = new GroupView(group);
    var body = Rendering.withFallback(type(), group, stats, () -> message.render(view), () -> message.plain(view));
    poster.post(url, Json.write(body), Optional.empty());
  }

  @Override
  public String toString() {
    return "discord(" + url + ")";
  }
}

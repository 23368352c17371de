package dev.klaxon.sink.notify.slack;

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

/** Posts one Block Kit message per alert group to one Slack incoming webhook. */
final class SlackNotifier implements Notifier {

  private final Secret url;
  private final boolean sendResolved;
  private final SlackMessage message;
  private final JsonPoster poster;
  private final NotifyStats stats;

  SlackNotifier(Secret url, boolean sendResolved, SlackMessage message, JsonPoster poster, NotifyStats stats) {
    this.url = url;
    this.sendResolved = sendResolved;
    this.message = message;
    this.poster = poster;
    this.stats = stats;
  }

  @Override
  public String type() {
    return "slack";
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
    return "slack(" + url + ")";
  }
}

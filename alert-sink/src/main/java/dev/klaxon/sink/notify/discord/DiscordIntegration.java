package dev.klaxon.sink.notify.discord;

import dev.klaxon.sink.notify.internal.ChatWebhookNotifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.internal.JsonPoster;
import dev.klaxon.sink.notify.internal.SecretResolver;
import dev.klaxon.sink.notify.internal.StrictConfig;
import java.util.Set;

/**
 * {@code discord_configs} entries:
 * <pre>
 * - url_env: DISCORD_ALERTS_URL           # or url_file; inline url: is discouraged
 *   send_resolved: true                   # default true
 *   title: "{{severity}}: {{alertname}}"  # optional template for the message line
 *   max_embeds: 10                        # one embed per alert, the last one "+N more"; 1..10
 * </pre>
 */
public final class DiscordIntegration implements Integration {

  private static final Set<String> KEYS = StrictConfig.union(StrictConfig.secretKeys("url"), Set.of("send_resolved", "title", "max_embeds"));

  private final JsonPoster poster;
  private final SecretResolver secrets;
  private final NotifyStats stats;

  public DiscordIntegration(JsonPoster poster, SecretResolver secrets, NotifyStats stats) {
    this.poster = poster;
    this.secrets = secrets;
    this.stats = stats;
  }

  @Override
  public String type() {
    return "discord";
  }

  @Override
  public Notifier create(JsonNode config, String path) {
    StrictConfig c = StrictConfig.of(config, path, KEYS);
    Secret url = secrets.requiredHttpUrl(c, "url", "Discord webhook url");
    DiscordMessage message = new DiscordMessage(c.template("title"), c.integer("max_embeds", DiscordMessage.EMBEDS_MAX, 1, DiscordMessage.EMBEDS_MAX));
    return new ChatWebhookNotifier("discord", url, c.bool("send_resolved", true), message, poster, stats);
  }
}

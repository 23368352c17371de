package dev.klaxon.sink.notify.slack;

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
 * {@code slack_configs} entries:
 * <pre>
 * - url_file: /run/secrets/slack-oncall   # or url_env: SLACK_ONCALL_URL; inline url: is discouraged
 *   send_resolved: true                   # default true
 *   title: "{{severity}}: {{alertname}}"  # optional template; default "🔴 CRITICAL: Rule on service (n firing)"
 *   max_alerts: 10                        # alerts listed before "+N more", 1..40
 * </pre>
 */
public final class SlackIntegration implements Integration {

  static final int MAX_ALERTS_LIMIT = 40; // 50 blocks minus header, group facts, "+N more" and footer

  private static final Set<String> KEYS = StrictConfig.union(StrictConfig.secretKeys("url"), Set.of("send_resolved", "title", "max_alerts"));

  private final JsonPoster poster;
  private final SecretResolver secrets;
  private final NotifyStats stats;

  public SlackIntegration(JsonPoster poster, SecretResolver secrets, NotifyStats stats) {
    this.poster = poster;
    this.secrets = secrets;
    this.stats = stats;
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  public Notifier create(JsonNode config, String path) {
    StrictConfig c = StrictConfig.of(config, path, KEYS);
    Secret url = secrets.requiredHttpUrl(c, "url", "Slack webhook url");
    SlackMessage message = new SlackMessage(c.template("title"), c.integer("max_alerts", 10, 1, MAX_ALERTS_LIMIT));
    return new ChatWebhookNotifier("slack", url, c.bool("send_resolved", true), message, poster, stats);
  }
}

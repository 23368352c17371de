package dev.klaxon.sink.notify.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.internal.JsonPoster;
import dev.klaxon.sink.notify.internal.SecretResolver;
import dev.klaxon.sink.notify.internal.StrictConfig;
import java.util.Optional;
import java.util.Set;

/**
 * {@code webhook_configs} entries: Alertmanager's webhook payload (version "4") to any endpoint.
 * <pre>
 * - url_env: INCIDENT_BOT_URL          # or url_file; inline url: is discouraged
 *   bearer_token_file: /run/secrets/t  # optional; or bearer_token_env (inline bearer_token discouraged)
 *   send_resolved: true                # default true
 *   max_alerts: 0                      # 0 = all; else the rest is counted in truncatedAlerts
 *   external_url: https://klaxon.example.com  # optional, sent as externalURL
 * </pre>
 */
public final class WebhookIntegration implements Integration {

  private static final Set<String> KEYS = StrictConfig.union(
      StrictConfig.union(StrictConfig.secretKeys("url"), StrictConfig.secretKeys("bearer_token")),
      Set.of("send_resolved", "max_alerts", "external_url"));

  private final JsonPoster poster;
  private final SecretResolver secrets;

  public WebhookIntegration(JsonPoster poster, SecretResolver secrets) {
    this.poster = poster;
    this.secrets = secrets;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public Notifier create(JsonNode config, String path) {
    StrictConfig c = StrictConfig.of(config, path, KEYS);
    Secret url = secrets.requiredHttpUrl(c, "url", "webhook url");
    Optional<Secret> bearer = secrets.optional(c, "bearer_token");
    String externalUrl = c.has("external_url") ? c.url("external_url", null).toString() : "";
    WebhookPayload payload = new WebhookPayload(c.integer("max_alerts", 0, 0, 10_000), externalUrl);
    return new WebhookNotifier(url, bearer, c.bool("send_resolved", true), payload, poster);
  }
}

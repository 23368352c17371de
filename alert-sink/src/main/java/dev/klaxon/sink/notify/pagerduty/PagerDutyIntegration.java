package dev.klaxon.sink.notify.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.internal.JsonPoster;
import dev.klaxon.sink.notify.internal.SecretResolver;
import dev.klaxon.sink.notify.internal.StrictConfig;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pagerduty_configs} entries (Events API v2):
 * <pre>
 * - routing_key_file: /run/secrets/pd-checkout  # or routing_key_env; inline routing_key: is discouraged
 *   url: https://events.pagerduty.com/v2/enqueue # default; not a secret (tests point it at a local server)
 *   source: checkout-prod                        # default: the group's common service label, else "klaxon"
 *   client: Klaxon                               # default
 *   client_url: https://klaxon.example.com       # optional
 *   send_resolved: true                          # default true: resolve the incident when the group resolves
 *   max_alerts: 20                               # alerts in custom_details before "+N more", 1..100
 * </pre>
 */
public final class PagerDutyIntegration implements Integration {

  static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

  private static final Set<String> KEYS = StrictConfig.union(StrictConfig.secretKeys("routing_key"),
      Set.of("url", "source", "client", "client_url", "send_resolved", "max_alerts"));

  private final JsonPoster poster;
  private final SecretResolver secrets;
  private final NotifyStats stats;

  public PagerDutyIntegration(JsonPoster poster, SecretResolver secrets, NotifyStats stats) {
    this.poster = poster;
    this.secrets = secrets;
    this.stats = stats;
  }

  @Override
  public String type() {
    return "pagerduty";
  }

  @Override
  public Notifier create(JsonNode config, String path) {
    StrictConfig c = StrictConfig.of(config, path, KEYS);
    Secret routingKey = secrets.required(c, "routing_key");
    String url = c.url("url", DEFAULT_URL).toString();
    Optional<String> clientUrl = c.has("client_url") ? Optional.of(c.url("client_url", null).toString()) : Optional.empty();
    PagerDutyEvents events = new PagerDutyEvents(c.string("source"), c.string("client", "Klaxon"), clientUrl, c.integer("max_alerts", 20, 1, 100));
    return new PagerDutyNotifier(Secret.of(url), routingKey, c.bool("send_resolved", true), events, poster, stats);
  }
}

package dev.klaxon.sink.notify;

import dev.klaxon.sink.notify.discord.DiscordIntegration;
import dev.klaxon.sink.notify.internal.JsonPoster;
import dev.klaxon.sink.notify.internal.SecretResolver;
import dev.klaxon.sink.notify.pagerduty.PagerDutyIntegration;
import dev.klaxon.sink.notify.slack.SlackIntegration;
import dev.klaxon.sink.notify.log.LogIntegration;
import dev.klaxon.sink.notify.webhook.WebhookIntegration;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The integrations Klaxon ships, by type ({@code slack}, {@code discord}, {@code pagerduty},
 * {@code webhook}, {@code log}): the receiver key {@code <type>_configs} picks one, and
 * {@link Integration#create} turns each entry into a {@link Notifier}.
 */
public final class Integrations {

  /** Backstop for a server that never answers; the delivery stage's per-attempt timeout is shorter. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final Map<String, Integration> byType;

  private Integrations(List<Integration> integrations) {
    Map<String, Integration> map = new LinkedHashMap<>();
    integrations.forEach(i -> map.put(i.type(), i));
    this.byType = Map.copyOf(map);
  }

  /** Real environment, a shared HttpClient. */
  public static Integrations standard(NotifyStats stats) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    return create(http, System::getenv, stats);
  }

  /** @param environment looks environment variables up ({@code *_env} keys); tests pass a map's {@code get} */
  public static Integrations create(HttpClient http, UnaryOperator<String> environment, NotifyStats stats) {
    SecretResolver secrets = new SecretResolver(environment);
    Clock clock = Clock.systemUTC();
    return new Integrations(List.of(
        new SlackIntegration(new JsonPoster(http, "slack", REQUEST_TIMEOUT, clock), secrets, stats),
        new DiscordIntegration(new JsonPoster(http, "discord", REQUEST_TIMEOUT, clock), secrets, stats),
        new PagerDutyIntegration(new JsonPoster(http, "pagerduty", REQUEST_TIMEOUT, clock), secrets, stats),
        new WebhookIntegration(new JsonPoster(http, "webhook", REQUEST_TIMEOUT, clock), secrets),
        new LogIntegration()));
  }

  public Map<String, Integration> byType() {
    return byType;
  }

  /** @return the integration for a receiver key such as {@code slack_configs}, if Klaxon has one */
  public java.util.Optional<Integration> forReceiverKey(String key) {
    return key.endsWith("_configs") ? java.util.Optional.ofNullable(byType.get(key.substring(0, key.length() - "_configs".length()))) : java.util.Optional.empty();
  }
}

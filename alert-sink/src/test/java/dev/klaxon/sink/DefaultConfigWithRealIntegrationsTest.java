package dev.klaxon.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.ReceiverNotifiers;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped routing config against the shipped notifiers: the keys agree, secrets come from the environment. */
class DefaultConfigWithRealIntegrationsTest {

  @Test
  void everyDefaultReceiverBuildsWhenItsEnvironmentIsSet() {
    Map<String, String> env = Map.of(
        "KLAXON_PAGERDUTY_ROUTING_KEY", "pd-key-0123456789abcdef0123456789",
        "KLAXON_SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/X",
        "KLAXON_SLACK_DIGEST_WEBHOOK_URL", "https://hooks.slack.example/services/T/B/Y",
        "KLAXON_DISCORD_WEBHOOK_URL", "https://discord.example/api/webhooks/1/abc");
    Integrations integrations = Integrations.create(HttpClient.newHttpClient(), env::get, NotifyStats.NONE);
    ReceiverNotifiers notifiers = ReceiverNotifiers.build(SinkConfig.defaults(), integrations.byType());
    assertThat(notifiers.of("pagerduty")).extracting(ReceiverNotifiers.Named::name).containsExactly("pagerduty[0]");
    assertThat(notifiers.of("daily-digest")).extracting(ReceiverNotifiers.Named::name).containsExactly("slack[0]");
    assertThat(notifiers.of("discord")).hasSize(1);
  }

  @Test
  void aMissingSecretNamesTheEntryNotTheValue() {
    Integrations integrations = Integrations.create(HttpClient.newHttpClient(), name -> null, NotifyStats.NONE);
    assertThatThrownBy(() -> ReceiverNotifiers.build(SinkConfig.defaults(), integrations.byType()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("receivers[0].pagerduty_configs[0]")
        .hasMessageContaining("KLAXON_PAGERDUTY_ROUTING_KEY");
  }
}

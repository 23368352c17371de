package dev.klaxon.sink.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.sink.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict integration config: unknown keys and bad values are refused, naming their path. */
class IntegrationConfigTest {

  private final RecordingServer server = RecordingServer.start();
  private final Integrations integrations = TestIntegrations.with(Map.of("HOOK", "http://127.0.0.1:1/hook"), NotifyStats.NONE);

  @org.junit.jupiter.api.AfterEach
  void stop() {
    server.close();
  }

  private Notifier create(String type, String yaml) {
    return integrations.byType().get(type).create(TestIntegrations.yaml(yaml), "receivers[2]." + type + "_configs[0]");
  }

  @Test
  void everyStandardIntegrationIsThere() {
    assertThat(integrations.byType()).containsOnlyKeys("slack", "discord", "pagerduty", "webhook", "log");
    assertThat(integrations.forReceiverKey("slack_configs")).map(Integration::type).contains("slack");
    assertThat(integrations.forReceiverKey("email_configs")).isEmpty();
  }

  @Test
  void unknownKeyIsAnErrorNamingItsPath() {
    assertThatThrownBy(() -> create("slack", "url_env: HOOK\nchannel: '#alerts'"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("receivers[2].slack_configs[0].channel: unknown key");
  }

  @Test
  void secretComesFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("url");
    Files.writeString(file, server.url("/from-file") + "\n");

    create("webhook", "url_file: " + file).notify(Fixtures.resolvedGroup());

    assertThat(server.awaitRequests(1).get(0).path()).isEqualTo("/from-file");
  }

  @Test
  void inlineSecretIsAcceptedButDiscouraged() {
    try (LogCapture logs = new LogCapture()) {
      assertThat(create("discord", "url: http://127.0.0.1:1/inline")).hasToString("discord(<secret>)");
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("url is inline").doesNotContain("127.0.0.1"));
    }
  }

  @Test
  void secretProblemsAreNamed() {
    assertThatThrownBy(() -> create("slack", "send_resolved: true"))
        .hasMessageContaining("receivers[2].slack_configs[0]: missing url_file or url_env");
    assertThatThrownBy(() -> create("slack", "url_env: HOOK\nurl_file: /x"))
        .hasMessageContaining("give only one of url, url_file, url_env".replace("url, ", ""));
    assertThatThrownBy(() -> create("slack", "url_env: NOT_SET"))
        .hasMessageContaining("receivers[2].slack_configs[0].url_env: environment variable NOT_SET is not set or empty");
    assertThatThrownBy(() -> create("pagerduty", "routing_key_file: /no/such/file"))
        .hasMessageContaining("receivers[2].pagerduty_configs[0].routing_key_file: cannot read file /no/such/file");
  }

  @Test
  void badValuesAreNamed() {
    assertThatThrownBy(() -> create("slack", "url_env: HOOK\nmax_alerts: 45"))
        .hasMessageContaining("receivers[2].slack_configs[0].max_alerts: must be a whole number from 1 to 40");
    assertThatThrownBy(() -> create("discord", "url_env: HOOK\ntitle: '{{status'"))
        .hasMessageContaining("receivers[2].discord_configs[0].title: '{{' at offset 0 is never closed");
    assertThatThrownBy(() -> create("pagerduty", "routing_key_env: HOOK\nurl: ftp://x"))
        .hasMessageContaining("receivers[2].pagerduty_configs[0].url: must be an absolute http or https URL");
    assertThatThrownBy(() -> create("webhook", "url_env: HOOK\nsend_resolved: maybe"))
        .hasMessageContaining("receivers[2].webhook_configs[0].send_resolved: must be true or false");
    assertThatThrownBy(() -> create("webhook", "- url_env: HOOK"))
        .hasMessageContaining("receivers[2].webhook_configs[0]: must be a mapping of settings");
  }
}

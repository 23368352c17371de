package dev.klaxon.sink.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.sink.notify.CountingStats;
import dev.klaxon.sink.notify.Fixtures;
import dev.klaxon.sink.notify.Golden;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.TestIntegrations;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingServer server = RecordingServer.start();
  private final Integrations integrations = TestIntegrations.with(
      Map.of("HOOK_URL", server.url("/hooks/alerts"), "HOOK_TOKEN", "tok-3f9a8b7c6d5e"), new CountingStats());

  @AfterEach
  void stop() {
    server.close();
  }

  private Notifier webhook(String extraYaml) {
    return integrations.byType().get("webhook").create(
        TestIntegrations.yaml("url_env: HOOK_URL\nbearer_token_env: HOOK_TOKEN\n" + extraYaml), "receivers[0].webhook_configs[0]");
  }

  @Test
  void firingGroupIsAlertmanagerVersion4PayloadWithBearerToken() throws Exception {
    webhook("external_url: https://klaxon.example.com").notify(Fixtures.firingGroup());

    RecordingServer.Request request = server.awaitRequests(1).get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer tok-3f9a8b7c6d5e");
    Golden.assertMatches("webhook/firing.json", request.body());
  }

  @Test
  void resolvedGroup() throws Exception {
    webhook("").notify(Fixtures.resolvedGroup());

    Golden.assertMatches("webhook/resolved.json", server.awaitRequests(1).get(0).body());
  }

  @Test
  void maxAlertsTruncatesAndCountsTheRest() throws Exception {
    webhook("max_alerts: 4").notify(Fixtures.manyAlerts(10, "d"));

    JsonNode body = JSON.readTree(server.awaitRequests(1).get(0).body());
    assertThat(body.path("alerts").size()).isEqualTo(4);
    assertThat(body.path("truncatedAlerts").asInt()).isEqualTo(6);
  }
}

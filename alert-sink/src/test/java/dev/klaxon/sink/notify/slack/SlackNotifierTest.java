package dev.klaxon.sink.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.sink.notify.CountingStats;
import dev.klaxon.sink.notify.Fixtures;
import dev.klaxon.sink.notify.Golden;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.LogCapture;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.TestIntegrations;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingServer server = RecordingServer.start();
  private final CountingStats stats = new CountingStats();
  private final Integrations integrations = TestIntegrations.with(Map.of("SLACK_URL", server.url("/services/T1/B2/tokentoken")), stats);

  @AfterEach
  void stop() {
    server.close();
  }

  private Notifier slack(Map<String, String> extra) {
    Map<String, String> config = new java.util.HashMap<>(extra);
    config.put("url_env", "SLACK_URL");
    return TestIntegrations.notifier(integrations, "slack", config);
  }

  @Test
  void firingGroupIsOneBlockKitMessageWithSeverityColourValuesAndRunbook() throws Exception {
    slack(Map.of()).notify(Fixtures.firingGroup());

    RecordingServer.Request request = server.awaitRequests(1).get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/services/T1/B2/tokentoken");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    Golden.assertMatches("slack/firing.json", request.body());
  }

  @Test
  void resolvedGroupIsAGreenResolvedMessage() throws Exception {
    slack(Map.of()).notify(Fixtures.resolvedGroup());

    Golden.assertMatches("slack/resolved.json", server.awaitRequests(1).get(0).body());
  }

  @Test
  void resolvedGroupIsNotSentWhenSendResolvedIsOff() throws Exception {
    Notifier quiet = integrations.byType().get("slack").create(TestIntegrations.yaml("url_env: SLACK_URL\nsend_resolved: false"), "r");

    quiet.notify(Fixtures.resolvedGroup());

    assertThat(server.requests()).isEmpty();
  }

  @Test
  void alertsBeyondMaxAlertsBecomePlusNMoreAndEveryTextFitsSlackLimits() throws Exception {
    Notifier notifier = integrations.byType().get("slack").create(TestIntegrations.yaml("url_env: SLACK_URL\nmax_alerts: 40"), "r");

    notifier.notify(Fixtures.manyAlerts(60, "x".repeat(5000)));

    JsonNode message = JSON.readTree(server.awaitRequests(1).get(0).body());
    JsonNode blocks = message.path("attachments").get(0).path("blocks");
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    assertThat(blocks.toString()).contains("+20 more alerts in this group");
    assertThat(blocks.get(0).path("text").path("text").asText().length()).isLessThanOrEqualTo(150);
    for (JsonNode block : blocks) {
      assertThat(block.path("text").path("text").asText().length()).isLessThanOrEqualTo(3000);
      block.path("fields").forEach(f -> assertThat(f.path("text").asText().length()).isLessThanOrEqualTo(2000));
    }
  }

  @Test
  void titleTemplateIsUsed() throws Exception {
    Notifier notifier = integrations.byType().get("slack")
        .create(TestIntegrations.yaml("url_env: SLACK_URL\ntitle: '{{status}}: {{service}} has {{firing}} alerts'"), "r");

    notifier.notify(Fixtures.firingGroup());

    JsonNode message = JSON.readTree(server.awaitRequests(1).get(0).body());
    assertThat(message.path("text").asText()).isEqualTo("firing: checkout has 3 alerts");
  }

  @Test
  void templateErrorFallsBackToThePlainMessageAndIsCountedAndLogged() throws Exception {
    Notifier notifier = integrations.byType().get("slack")
        .create(TestIntegrations.yaml("url_env: SLACK_URL\ntitle: '{{no_such_label}} is broken'"), "r");

    try (LogCapture logs = new LogCapture()) {
      notifier.notify(Fixtures.firingGroup());

      JsonNode message = JSON.readTree(server.awaitRequests(1).get(0).body());
      assertThat(message.has("attachments")).isFalse();
      assertThat(message.path("text").asText())
          .isEqualTo("🔴 [FIRING:3] HighP95Latency, HighErrorRate: p95 latency 2100ms on checkout /api/cart (+2 more alerts)");
      assertThat(stats.get("renderFallback", "oncall", "slack")).isEqualTo(1);
      assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("no_such_label").contains("plain built-in message"));
    }
  }
}

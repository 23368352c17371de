package dev.klaxon.sink.notify.discord;

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

class DiscordNotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingServer server = RecordingServer.start().byDefault(RecordingServer.Response.status(204));
  private final CountingStats stats = new CountingStats();
  private final Integrations integrations = TestIntegrations.with(Map.of("DISCORD_URL", server.url("/api/webhooks/123/tokentoken")), stats);

  @AfterEach
  void stop() {
    server.close();
  }

  private Notifier discord(String extraYaml) {
    return integrations.byType().get("discord").create(TestIntegrations.yaml("url_env: DISCORD_URL\n" + extraYaml), "receivers[0].discord_configs[0]");
  }

  @Test
  void firingGroupIsOneEmbedPerAlertColouredBySeverity() throws Exception {
    discord("").notify(Fixtures.firingGroup());

    Golden.assertMatches("discord/firing.json", server.awaitRequests(1).get(0).body());
  }

  @Test
  void resolvedGroupIsGreen() throws Exception {
    discord("").notify(Fixtures.resolvedGroup());

    Golden.assertMatches("discord/resolved.json", server.awaitRequests(1).get(0).body());
  }

  @Test
  void manyAlertsFitInTenEmbedsWithPlusNMore() throws Exception {
    discord("").notify(Fixtures.manyAlerts(25, "short"));

    JsonNode embeds = JSON.readTree(server.awaitRequests(1).get(0).body()).path("embeds");
    assertThat(embeds.size()).isEqualTo(10);
    assertThat(embeds.get(9).path("description").asText()).startsWith("+16 more alerts");
  }

  @Test
  void longTextIsCutToDiscordLimitsAndSixThousandInAll() throws Exception {
    discord("").notify(Fixtures.manyAlerts(8, "y".repeat(10_000)));

    JsonNode message = JSON.readTree(server.awaitRequests(1).get(0).body());
    JsonNode embeds = message.path("embeds");
    assertThat(embeds.size()).isLessThanOrEqualTo(10);
    int total = 0;
    for (JsonNode embed : embeds) {
      assertThat(embed.path("title").asText().length()).isLessThanOrEqualTo(256);
      assertThat(embed.path("description").asText().length()).isLessThanOrEqualTo(4096);
      assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
      embed.path("fields").forEach(f -> assertThat(f.path("value").asText().length()).isLessThanOrEqualTo(1024));
      total += DiscordMessage.length(embed);
    }
    assertThat(total).isLessThanOrEqualTo(6000);
    assertThat(embeds.get(embeds.size() - 1).path("description").asText()).matches("\\+\\d+ more alerts.*");
    assertThat(message.path("content").asText().length()).isLessThanOrEqualTo(2000);
  }

  @Test
  void maxEmbedsIsConfigurable() throws Exception {
    discord("max_embeds: 3").notify(Fixtures.manyAlerts(5, "short"));

    JsonNode embeds = JSON.readTree(server.awaitRequests(1).get(0).body()).path("embeds");
    assertThat(embeds.size()).isEqualTo(3);
    assertThat(embeds.get(2).path("description").asText()).startsWith("+3 more alerts");
  }
}

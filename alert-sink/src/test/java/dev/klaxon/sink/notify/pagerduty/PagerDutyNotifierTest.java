package dev.klaxon.sink.notify.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.CountingStats;
import dev.klaxon.sink.notify.Fixtures;
import dev.klaxon.sink.notify.Golden;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.TestIntegrations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagerDutyNotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingServer server = RecordingServer.start()
      .byDefault(RecordingServer.Response.status(202, "{\"status\":\"success\",\"message\":\"Event processed\"}"));
  private final Integrations integrations = TestIntegrations.with(Map.of("PD_KEY", "R0UTINGKEY0123456789abcdef0123456"), new CountingStats());

  @AfterEach
  void stop() {
    server.close();
  }

  private Notifier pagerduty() {
    return integrations.byType().get("pagerduty").create(
        TestIntegrations.yaml("routing_key_env: PD_KEY\nurl: " + server.url("/v2/enqueue") + "\nclient_url: https://klaxon.example.com"),
        "receivers[0].pagerduty_configs[0]");
  }

  @Test
  void firingGroupIsATriggerKeyedByTheGroup() throws Exception {
    pagerduty().notify(Fixtures.firingGroup());

    RecordingServer.Request request = server.awaitRequests(1).get(0);
    assertThat(request.path()).isEqualTo("/v2/enqueue");
    Golden.assertMatches("pagerduty/trigger.json", request.body());
  }

  @Test
  void resolvedGroupResolvesTheSameDedupKey() throws Exception {
    Notifier notifier = pagerduty();
    notifier.notify(Fixtures.firingGroup());
    notifier.notify(Fixtures.resolvedGroup());

    List<RecordingServer.Request> requests = server.awaitRequests(2);
    Golden.assertMatches("pagerduty/resolve.json", requests.get(1).body());
    assertThat(JSON.readTree(requests.get(1).body()).path("dedup_key"))
        .isEqualTo(JSON.readTree(requests.get(0).body()).path("dedup_key"));
  }

  @Test
  void severityIsTheMostUrgentFiringOne() throws Exception {
    pagerduty().notify(Fixtures.group("k", Fixtures.errorRate(Severity.warning, AlertStatus.firing, "api"),
        Fixtures.errorRate(Severity.info, AlertStatus.firing, "web")));

    assertThat(JSON.readTree(server.awaitRequests(1).get(0).body()).path("payload").path("severity").asText()).isEqualTo("warning");
  }

  @Test
  void longGroupKeyIsHashedAndSummaryCutTo1024() throws Exception {
    String longKey = "route/" + "k".repeat(400);
    AlertGroup group = Fixtures.manyAlerts(3, "d");
    group = new AlertGroup(longKey, group.receiver(), group.groupLabels(), List.of(withSummary(group, "s".repeat(3000))));

    pagerduty().notify(group);

    JsonNode event = JSON.readTree(server.awaitRequests(1).get(0).body());
    assertThat(event.path("dedup_key").asText()).startsWith("sha256:").hasSize(7 + 64);
    assertThat(event.path("payload").path("summary").asText()).hasSize(1024).endsWith("…");
  }

  private static dev.klaxon.schemas.Alert withSummary(AlertGroup group, String summary) {
    dev.klaxon.schemas.Alert alert = group.alerts().get(0);
    alert.setAnnotations(Map.of("summary", summary));
    return alert;
  }
}

package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in receives what Klaxon's real Slack and PagerDuty notifiers send, over HTTP, configured
 * exactly as the demo configures them (the demo routing, the demo environment), and prints it.
 */
class OnCallStandInTest {

  private static final Instant STARTS = Instant.parse("2025-03-01T12:00:00Z");

  private final StringWriter printed = new StringWriter();
  private OnCallStandIn standIn;
  private SinkConfig routing;
  private Map<String, Integration> integrations;

  @BeforeEach
  void start() {
    standIn = OnCallStandIn.start(new PrintWriter(printed, true), false, Clock.fixed(STARTS, ZoneId.of("UTC")));
    URI uri = standIn.uri();
    routing = DemoRouting.config(uri);
    integrations = Integrations.create(HttpClient.newHttpClient(), DemoRouting.environment(uri)::get, NotifyStats.NONE)
        .byType();
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void aCriticalPageAndItsSlackPostShowReceiverSeveritySummaryValueAndThreshold() throws Exception {
    notifier("pagerduty").notify(group("pagerduty", latency(Severity.critical, AlertStatus.firing)));
    notifier("slack").notify(group("slack", latency(Severity.critical, AlertStatus.firing)));

    List<String> lines = printed.toString().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith(">> ").contains("PagerDuty", "FIRING", "critical",
        "HighP95Latency: search-api: p95 latency 2.5 s (over 2 s)", "2512 ms (threshold 2000 ms)", "event_action trigger",
        "dedup_key ");
    assertThat(lines.get(1)).contains("Slack #alerts", "FIRING", "critical", "HighP95Latency · search-api",
        "search-api: p95 latency 2.5 s (over 2 s)", "value 2512 ms (threshold 2000 ms)")
        .doesNotContain("*", "`", "<!date");
  }

  @Test
  void aWarningOnSlackIsShownAsWarning() throws Exception {
    notifier("slack").notify(group("slack", latency(Severity.warning, AlertStatus.firing)));

    assertThat(printed.toString()).contains("Slack #alerts", "FIRING", "warning", "1500 ms (threshold 1000 ms)")
        .doesNotContain("critical");
  }

  @Test
  void resolvingShowsWhichIncidentClosesWithTheSeverityItHad() throws Exception {
    notifier("pagerduty").notify(group("pagerduty", latency(Severity.critical, AlertStatus.firing)));
    notifier("slack").notify(group("slack", latency(Severity.critical, AlertStatus.firing)));
    notifier("pagerduty").notify(group("pagerduty", latency(Severity.critical, AlertStatus.resolved)));
    notifier("slack").notify(group("slack", latency(Severity.critical, AlertStatus.resolved)));

    List<String> lines = printed.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("PagerDuty", "RESOLVED", "critical", "event_action resolve",
        "HighP95Latency: search-api: p95 latency 2.5 s (over 2 s)");
    assertThat(lines.get(2).substring(lines.get(2).indexOf("dedup_key")))
        .isEqualTo(lines.get(0).substring(lines.get(0).indexOf("dedup_key")));
    assertThat(lines.get(3)).contains("Slack #alerts", "RESOLVED", "critical", "search-api: p95 latency 2.5 s",
        "was 2512 ms (threshold 2000 ms)").doesNotContain("FIRING");
  }

  @Test
  void theDemoRoutingIsTheShippedOneWithAFastPageAndPagerDutyAtTheStandIn() {
    SinkConfig shipped = SinkConfig.defaults();
    assertThat(routing.receivers()).extracting(r -> r.name())
        .isEqualTo(shipped.receivers().stream().map(r -> r.name()).toList());
    assertThat(routing.route().routes()).extracting(r -> r.receiver())
        .isEqualTo(shipped.route().routes().stream().map(r -> r.receiver()).toList());
    assertThat(routing.inhibitRules()).isEqualTo(shipped.inhibitRules());

    assertThat(shipped.route().routes().get(0).groupWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(routing.route().routes().get(0).groupWait()).isEqualTo(Duration.ofSeconds(1));
    assertThat(routing.route().groupWait()).isEqualTo(shipped.route().groupWait());
    assertThat(routing.route().groupInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(pagerDutyConfig().path("url").asText()).isEqualTo(standIn.uri().resolve("/v2/enqueue").toString());
  }

  private JsonNode pagerDutyConfig() {
    return routing.receiver("pagerduty").orElseThrow().configs().get("pagerduty").get(0);
  }

  private Notifier notifier(String receiver) {
    String type = receiver.equals("pagerduty") ? "pagerduty" : "slack";
    JsonNode config = routing.receiver(receiver).orElseThrow().configs().get(type).get(0);
    return integrations.get(type).create(config, "receivers." + receiver);
  }

  private static AlertGroup group(String receiver, Alert alert) {
    return new AlertGroup("{}/{severity=\"critical\"}:{alertname=\"HighP95Latency\", service=\"search-api\"}",
        receiver, Map.of("alertname", "HighP95Latency", "service", "search-api"), List.of(alert));
  }

  /** As the evaluator writes it for the shipped HighP95Latency rule. */
  private static Alert latency(Severity severity, AlertStatus status) {
    boolean critical = severity == Severity.critical;
    double value = critical ? 2512 : 1500;
    return Alert.newBuilder()
        .setFingerprint("fp-search-api")
        .setRule("HighP95Latency")
        .setSeverity(severity)
        .setStatus(status)
        .setLabels(Map.of("service", "search-api", "alertname", "HighP95Latency", "severity", severity.name()))
        .setAnnotations(Map.of(
            "summary", "search-api: p95 latency " + (critical ? "2.5 s (over 2 s)" : "1.5 s (over 1 s)"),
            "runbook", "https://runbooks.example.com/klaxon/HighP95Latency"))
        .setValue(value)
        .setThreshold(critical ? 2000 : 1000)
        .setStartsAt(STARTS.toEpochMilli())
        .setEndsAt(status == AlertStatus.resolved ? STARTS.plusSeconds(300).toEpochMilli() : null)
        .build();
  }
}

package dev.klaxon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WindowGaugesTest {

  private static final long MINUTE = 60_000L;
  private static final long T = 1_796_000_000_000L / MINUTE * MINUTE; // a minute boundary in 2026
  private static final long DAY = 86_400_000L;

  private final AtomicLong now = new AtomicLong(T + MINUTE + 5_000);
  private final WindowGauges gauges = new WindowGauges(ExporterConfig.defaults(Topics.defaults()), now::get);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  WindowGaugesTest() {
    registry.getPrometheusRegistry().register(gauges);
  }

  @Test
  void aClosedRequestWindowBecomesLatencyQuantilesInSecondsAndRatesPerSecond() {
    gauges.accept(request("checkout", "POST /pay", T, 600, 30, 6, 120, 950, 2400));

    String text = registry.scrape();
    assertThat(text)
        .contains("klaxon_request_latency_seconds{environment=\"production\",quantile=\"0.5\",route=\"POST /pay\","
            + "service=\"checkout\"} 0.12")
        .contains("quantile=\"0.95\",route=\"POST /pay\",service=\"checkout\"} 0.95")
        .contains("quantile=\"0.99\",route=\"POST /pay\",service=\"checkout\"} 2.4")
        .contains("klaxon_requests_per_second{environment=\"production\",route=\"POST /pay\",service=\"checkout\"} 10.0")
        .contains("klaxon_request_errors_per_second{class=\"5xx\",environment=\"production\",route=\"POST /pay\","
            + "service=\"checkout\"} 0.5")
        .contains("class=\"4xx\",environment=\"production\",route=\"POST /pay\",service=\"checkout\"} 0.1")
        .contains("klaxon_request_error_ratio{environment=\"production\",route=\"POST /pay\",service=\"checkout\"} 0.05")
        .contains("# HELP klaxon_request_latency_seconds");
  }

  @Test
  void theLatestWindowOfASeriesWinsAndOtherWindowSizesAreIgnored() {
    gauges.accept(request("a", "*", T, 60, 0, 0, 100, 200, 300));
    gauges.accept(request("a", "*", T - MINUTE, 60, 0, 0, 900, 900, 900)); // older, arriving late
    RequestWindow tenSeconds = request("a", "*", T, 60, 0, 0, 5, 5, 5);
    tenSeconds.setWindowEnd(T + 10_000);
    gauges.accept(tenSeconds);

    assertThat(registry.scrape()).contains("quantile=\"0.5\",route=\"*\",service=\"a\"} 0.1")
        .doesNotContain("} 0.9", "} 0.005");
  }

  @Test
  void aSeriesThatWentQuietIsNoLongerExported() {
    gauges.accept(request("quiet", "*", T, 60, 0, 0, 100, 200, 300));
    assertThat(registry.scrape()).contains("service=\"quiet\"");

    now.set(T + MINUTE + ExporterConfig.DEFAULT_STALE_AFTER.toMillis() + 1);
    assertThat(registry.scrape()).doesNotContain("service=\"quiet\"");
    assertThat(gauges.seriesCount()).isZero();
  }

  @Test
  void logWindowsBecomeEventsPerSecondByLevel() {
    gauges.accept(new LogWindow("llm-gateway", LogLevel.error, T, T + MINUTE, 12L, "production"));

    assertThat(registry.scrape()).contains(
        "klaxon_log_events_per_second{environment=\"production\",level=\"error\",service=\"llm-gateway\"} 0.2");
  }

  @Test
  void spendIsTheLatestRunningTotalOfTheCurrentDayAndMonth() {
    long dayStart = T / DAY * DAY;
    gauges.accept(spend("ada", "*", null, "day", dayStart, dayStart + DAY, "1.25", 3));
    gauges.accept(spend("ada", "*", null, "day", dayStart, dayStart + DAY, "4.50", 9));
    gauges.accept(spend("ada", "*", null, "day", dayStart, dayStart + DAY, "2.00", 5)); // older total, other partition
    gauges.accept(spend("*", "openai", "llm-gateway", "day", dayStart, dayStart + DAY, "7.00", 20));
    gauges.accept(spend("ada", "*", null, "minute", T, T + MINUTE, "0.10", 1));
    gauges.accept(spend("bob", "*", null, "day", dayStart - DAY, dayStart, "99", 9)); // yesterday: over

    String text = registry.scrape();
    assertThat(text).contains("klaxon_user_spend_usd{period=\"day\",provider=\"*\",user=\"ada\"} 4.5")
        .contains("klaxon_service_spend_usd{period=\"day\",provider=\"openai\",service=\"llm-gateway\"} 7.0")
        .doesNotContain("user=\"bob\"", "period=\"minute\"");
  }

  @Test
  void firingAlertsAreOneEachLikePrometheusAlertsAndGoAwayWhenResolved() {
    gauges.accept(alert("fp1", AlertStatus.firing, Map.of("service", "checkout", "__reserved", "x")));
    String firing = registry.scrape();
    assertThat(firing).contains("klaxon_alerts{alertname=\"HighP95Latency\",alertstate=\"firing\","
        + "service=\"checkout\",severity=\"critical\"} 1.0").doesNotContain("reserved");

    gauges.accept(alert("fp1", AlertStatus.resolved, Map.of("service", "checkout")));
    assertThat(registry.scrape()).doesNotContain("klaxon_alerts{");
  }

  @Test
  void pastTheSeriesLimitNewSeriesAreDroppedAndCounted() {
    WindowGauges small = new WindowGauges(ExporterConfig.defaults(Topics.defaults()).withMaxSeries(2), now::get);
    PrometheusMeterRegistry scraped = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    scraped.getPrometheusRegistry().register(small);

    small.accept(request("a", "*", T, 60, 0, 0, 1, 1, 1));
    small.accept(request("b", "*", T, 60, 0, 0, 1, 1, 1));
    small.accept(request("c", "*", T, 60, 0, 0, 1, 1, 1));
    small.accept(request("a", "*", T, 60, 0, 0, 2, 2, 2)); // a known series still updates

    String text = scraped.scrape();
    assertThat(text).contains("service=\"a\"", "service=\"b\"").doesNotContain("service=\"c\"")
        .contains("klaxon_exporter_series_dropped_total 1.0").contains("klaxon_exporter_series 2.0")
        .contains("klaxon_exporter_series_limit 2.0");
  }

  @Test
  void everyNamedMetricIsServedOnceThereIsData() {
    long dayStart = T / DAY * DAY;
    gauges.accept(request("a", "*", T, 60, 1, 1, 1, 1, 1));
    gauges.accept(new LogWindow("a", LogLevel.warn, T, T + MINUTE, 1L, null));
    gauges.accept(spend("ada", "*", null, "day", dayStart, dayStart + DAY, "1", 1));
    gauges.accept(spend("*", "*", "a", "day", dayStart, dayStart + DAY, "1", 1));
    gauges.accept(alert("fp", AlertStatus.firing, Map.of()));

    String text = registry.scrape();
    for (String name : ExportedMetrics.ALL) {
      assertThat(text).as(name).containsPattern("(?m)^" + name + "[{ ]");
    }
  }

  static RequestWindow request(String service, String route, long start, long count, long e5xx, long e4xx,
      double p50, double p95, double p99) {
    return RequestWindow.newBuilder().setService(service).setRoute(route).setWindowStart(start)
        .setWindowEnd(start + MINUTE).setCount(count).setErrors5xx(e5xx).setErrors4xx(e4xx)
        .setErrorRate(count == 0 ? 0 : (double) e5xx / count).setP50(p50).setP95(p95).setP99(p99).setMax(p99)
        .setMean(p50).setHistogram(ByteBuffer.allocate(0)).setEnvironment("production").setAuthFailures(0).build();
  }

  static SpendWindow spend(String user, String provider, String service, String granularity, long start, long end,
      String usd, long events) {
    return SpendWindow.newBuilder().setUserId(user).setProvider(provider).setService(service)
        .setGranularity(granularity).setWindowStart(start).setWindowEnd(end)
        .setCostUsd(new BigDecimal(usd).setScale(9)).setEvents(events).build();
  }

  static Alert alert(String fingerprint, AlertStatus status, Map<String, String> labels) {
    return Alert.newBuilder().setFingerprint(fingerprint).setRule("HighP95Latency").setSeverity(Severity.critical)
        .setStatus(status).setLabels(labels).setAnnotations(Map.of()).setValue(2500.0).setThreshold(2000.0)
        .setStartsAt(T).setEndsAt(null).build();
  }
}

package dev.klaxon.sink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class NotifyMetricsTest {

  @Test
  void everyDeliveryEventHasOneCounterByReceiverAndIntegrationType() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NotifyMetrics metrics = new NotifyMetrics(registry);

    metrics.sent("oncall", "slack");
    metrics.failed("oncall", "slack");
    metrics.retried("oncall", "slack");
    metrics.deadLettered("oncall", "slack[1]");
    metrics.coalesced("oncall", "slack");
    metrics.renderFallback("oncall", "slack");

    String scrape = registry.scrape();
    for (String name : new String[] {"sent", "failed", "retried", "dead_lettered", "coalesced", "render_fallback"}) {
      assertThat(scrape).contains("klaxon_sink_notifications_" + name
          + "_total{integration=\"slack\",receiver=\"oncall\"} 1.0");
    }
  }
}

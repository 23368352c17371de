package dev.klaxon.exporter;

import dev.klaxon.exporter.internal.WindowFeed;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.OpsServer;
import dev.klaxon.runtime.RunningService;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.schemas.serde.AvroSerdes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code exporter} role: Klaxon's metric windows, spend and firing alerts as Prometheus gauges on
 * {@code /metrics}, beside the exporter's own meters, for Prometheus to scrape and Grafana to chart.
 * Wiring only: {@link WindowFeed} reads, {@link WindowGauges} holds and renders.
 */
public final class MetricsExporter implements RunningService {

  public static final int DEFAULT_PORT = 9469;

  private final WindowFeed feed;
  private final OpsServer http;
  private final ExporterConfig config;

  private MetricsExporter(WindowFeed feed, OpsServer http, ExporterConfig config) {
    this.feed = feed;
    this.http = http;
    this.config = config;
  }

  /** @param httpPort port of /metrics and /health; 0 picks a free one */
  public static MetricsExporter start(ExporterConfig config, KafkaCluster cluster, int httpPort) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WindowGauges gauges = new WindowGauges(config, System::currentTimeMillis);
    registry.getPrometheusRegistry().register(gauges);
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(Map.of()));
    WindowFeed feed = new WindowFeed(props, config.topics(), AvroSerdes.forRegistryUrl(cluster.schemaRegistryUrl()),
        gauges, config.staleAfter(), System.currentTimeMillis()).start();
    try {
      OpsServer http = OpsServer.start(httpPort, registry::scrape, () -> true, feed::ready);
      return new MetricsExporter(feed, http, config);
    } catch (RuntimeException e) {
      feed.close();
      throw e;
    }
  }

  public int httpPort() {
    return http.port();
  }

  @Override
  public String describe() {
    var topics = config.topics();
    return "exporter: http://localhost:" + httpPort() + "/metrics; reads " + String.join(", ", List.of(
        topics.requestMetrics(), topics.logMetrics(), topics.spendMetrics(), topics.openSpendMetrics(),
        topics.alerts())) + "; " + Durations.format(config.window()) + " windows, at most " + config.maxSeries()
        + " series";
  }

  @Override
  public void close() {
    http.close();
    feed.close();
  }
}

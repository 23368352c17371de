package dev.klaxon.sink.pipeline;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.inhibit.Inhibitor.Inhibition;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.silence.Silence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;

/**
 * The sink's Prometheus counters: {@code klaxon_sink_alerts_received_total},
 * {@code ..._alerts_inhibited_total}, {@code ..._alerts_silenced_total} (per alert per flush it was
 * muted in), {@code klaxon_sink_notifications_sent_total} and {@code ..._failed_total} by receiver
 * and integration.
 */
public final class SinkMetrics implements SinkEvents {

  private final MeterRegistry registry;
  private final Counter received;
  private final Counter inhibited;
  private final Counter silenced;

  public SinkMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.received = Counter.builder("klaxon.sink.alerts.received").description("Alert transitions read").register(registry);
    this.inhibited = Counter.builder("klaxon.sink.alerts.inhibited").description("Alerts muted by an inhibit rule, per flush").register(registry);
    this.silenced = Counter.builder("klaxon.sink.alerts.silenced").description("Alerts muted by a silence, per flush").register(registry);
  }

  @Override
  public void received(Alert alert, List<String> groupKeys, Instant at) {
    received.increment();
  }

  @Override
  public void inhibited(Alert alert, String groupKey, Inhibition by, Instant at) {
    inhibited.increment();
  }

  @Override
  public void silenced(Alert alert, String groupKey, Silence by, Instant at) {
    silenced.increment();
  }

  @Override
  public void sent(AlertGroup group, String integration, Instant at) {
    notifications("sent", group, integration).increment();
  }

  @Override
  public void failed(AlertGroup group, String integration, String reason, Instant at) {
    notifications("failed", group, integration).increment();
  }

  private Counter notifications(String outcome, AlertGroup group, String integration) {
    return Counter.builder("klaxon.sink.notifications." + outcome)
        .description("Notifications " + outcome + " per receiver and integration")
        .tag("receiver", group.receiver()).tag("integration", integration).register(registry);
  }
}

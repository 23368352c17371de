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
 * The sink's own Prometheus counters: {@code klaxon_sink_alerts_received_total},
 * {@code ..._alerts_inhibited_total}, {@code ..._alerts_silenced_total} (per alert per flush it was
 * muted in) and {@code klaxon_sink_notifications_unlogged_total} (delivered, but the notification
 * log could not be written, so it will be sent again). The delivery counters
 * ({@code klaxon_sink_notifications_sent_total}...) are {@link NotifyMetrics}.
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
  public void notLogged(AlertGroup group, String integration, String reason, Instant at) {
    Counter.builder("klaxon.sink.notifications.unlogged")
        .description("Notifications delivered whose notification-log entry could not be written (they are sent again)")
        .tag("receiver", group.receiver()).tag("integration", NotifyMetrics.typeOf(integration))
        .register(registry).increment();
  }
}

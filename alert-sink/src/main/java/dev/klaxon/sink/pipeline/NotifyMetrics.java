package dev.klaxon.sink.pipeline;

import dev.klaxon.sink.notify.NotifyStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The notification path's counters at {@code /metrics}, tagged {@code receiver} and
 * {@code integration} (the type, {@code slack}, as Alertmanager tags them; the notification log and
 * dead letters name the entry, {@code slack[0]}). Each event has exactly one source, the delivery
 * stage (render fallbacks: the notifiers), so nothing is counted twice:
 *
 * <ul>
 *   <li>{@code klaxon_sink_notifications_sent_total}: the provider accepted a notification (2xx)
 *   <li>{@code ..._failed_total}: attempts that failed (network error, timeout, non-2xx); each is
 *       either retried or dead-lettered, so failed = retried + dead_lettered
 *   <li>{@code ..._retried_total}: failed attempts that will be tried again
 *   <li>{@code ..._dead_lettered_total}: notifications given up on, written to {@code klaxon.deadletter}
 *   <li>{@code ..._coalesced_total}: queued notifications replaced by a newer state of their group
 *   <li>{@code ..._render_fallback_total}: sent as the plain built-in message after a rendering error
 * </ul>
 */
public final class NotifyMetrics implements NotifyStats {

  private final MeterRegistry registry;

  public NotifyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code slack[0]} → {@code slack}: entry names are not metric labels. */
  static String typeOf(String integration) {
    int bracket = integration.indexOf('[');
    return bracket < 0 ? integration : integration.substring(0, bracket);
  }

  @Override
  public void sent(String receiver, String integration) {
    count("sent", "Notifications the provider accepted", receiver, integration);
  }

  @Override
  public void failed(String receiver, String integration) {
    count("failed", "Delivery attempts that failed (retried or dead-lettered)", receiver, integration);
  }

  @Override
  public void retried(String receiver, String integration) {
    count("retried", "Failed delivery attempts that are tried again", receiver, integration);
  }

  @Override
  public void deadLettered(String receiver, String integration) {
    count("dead.lettered", "Notifications given up on and written to the dead-letter topic", receiver, integration);
  }

  @Override
  public void coalesced(String receiver, String integration) {
    count("coalesced", "Queued notifications replaced by a newer state of the same group", receiver, integration);
  }

  @Override
  public void renderFallback(String receiver, String integration) {
    count("render.fallback", "Notifications sent as the plain built-in message after a rendering error", receiver,
        integration);
  }

  private void count(String what, String description, String receiver, String integration) {
    Counter.builder("klaxon.sink.notifications." + what).description(description)
        .tag("receiver", receiver).tag("integration", typeOf(integration)).register(registry).increment();
  }
}

package dev.klaxon.sink.pipeline;

import dev.klaxon.sink.notify.NotifyStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The delivery stage's counters at {@code /metrics}, by receiver and integration. Sent and failed
 * notifications are counted once, by {@link SinkMetrics}; these are what happens inside delivery.
 */
public final class DeliveryMetrics implements NotifyStats {

  private final MeterRegistry registry;

  public DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void retried(String receiver, String integration) {
    count("retried", "Delivery attempts that failed and were tried again", receiver, integration);
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
    count("render.fallback", "Messages sent as the plain built-in text after a template error", receiver, integration);
  }

  private void count(String what, String description, String receiver, String integration) {
    Counter.builder("klaxon.sink.delivery." + what).description(description)
        .tag("receiver", receiver).tag("integration", integration).register(registry).increment();
  }
}

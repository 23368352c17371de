package dev.klaxon.sink.notify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** NotifyStats that counts, keyed "event receiver/integration", e.g. "sent oncall/slack". */
public final class CountingStats implements NotifyStats {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public int get(String event, String receiver, String integration) {
    AtomicInteger n = counts.get(event + " " + receiver + "/" + integration);
    return n == null ? 0 : n.get();
  }

  private void add(String event, String receiver, String integration) {
    counts.computeIfAbsent(event + " " + receiver + "/" + integration, k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void sent(String receiver, String integration) {
    add("sent", receiver, integration);
  }

  @Override
  public void failed(String receiver, String integration) {
    add("failed", receiver, integration);
  }

  @Override
  public void retried(String receiver, String integration) {
    add("retried", receiver, integration);
  }

  @Override
  public void deadLettered(String receiver, String integration) {
    add("deadLettered", receiver, integration);
  }

  @Override
  public void coalesced(String receiver, String integration) {
    add("coalesced", receiver, integration);
  }

  @Override
  public void renderFallback(String receiver, String integration) {
    add("renderFallback", receiver, integration);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}

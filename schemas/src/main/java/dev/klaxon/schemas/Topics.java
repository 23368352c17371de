package dev.klaxon.schemas;

import java.util.List;

/**
 * Klaxon's topic names (design §3). Every name is the configurable prefix plus a fixed suffix, so
 * tests and several deployments can share one cluster.
 */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "klaxon.";

  public Topics {
    if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
      throw new IllegalArgumentException(
          "topic prefix may hold only letters, digits, '.', '_' and '-': " + prefix);
    }
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String requests() { return prefix + "requests"; }

  public String logs() { return prefix + "logs"; }

  public String costs() { return prefix + "costs"; }

  public String requestMetrics() { return prefix + "metrics.requests"; }

  public String logMetrics() { return prefix + "metrics.logs"; }

  public String openRequestMetrics() { return prefix + "metrics.requests.open"; }

  public String openLogMetrics() { return prefix + "metrics.logs.open"; }

  public String spendMetrics() { return prefix + "metrics.spend"; }

  /** Running totals of open spend windows (day and month), for budget alerts that cannot wait. */
  public String openSpendMetrics() { return prefix + "metrics.spend.open"; }

  public String alerts() { return prefix + "alerts"; }

  public String notifications() { return prefix + "notifications"; }

  public String silences() { return prefix + "silences"; }

  public String deadLetter() { return prefix + "deadletter"; }

  /** Topics written by producers outside Klaxon's processors. */
  public List<String> inputs() {
    return List.of(requests(), logs(), costs());
  }

  /** Every topic the foundation pipeline reads or writes, for creation at start-up. */
  public List<String> all() {
    return List.of(requests(), logs(), costs(), requestMetrics(), logMetrics(), openRequestMetrics(),
        openLogMetrics(), spendMetrics(), openSpendMetrics(), alerts(), notifications(), silences(), deadLetter());
  }

  /** Running values of open windows: read soon after they are written, so kept briefly. */
  public boolean isOpenWindows(String topic) {
    return topic.equals(openRequestMetrics()) || topic.equals(openLogMetrics()) || topic.equals(openSpendMetrics());
  }

  /** Topics whose retention is compaction by key rather than time. */
  public boolean isCompacted(String topic) {
    return topic.equals(notifications()) || topic.equals(silences());
  }
}

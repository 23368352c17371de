package dev.klaxon.loadtest.load;

import java.util.Arrays;
import java.util.List;

/**
 * Everything one {@code klaxon bench load} run measured, as written to its JSON file and drawn by its
 * HTML page. Times are epoch ms unless a name says seconds; durations of lag in ms.
 *
 * @param throughput null when the profile runs no throughput benchmarks (the smoke profile) or they failed
 * @param notes      what was not measured and why (a benchmark that failed, with its error)
 */
public record LoadReport(String profile, long startedAtMs, Machine machine, Traffic traffic,
    AlertScoring.Quality quality, DetectionTarget detectionTarget, QuantileAccuracy.Result accuracy, Lag lag, Throughput throughput, Memory memory,
    List<SentSecond> sent, List<AlertScoring.Transition> transitions, List<AlertScoring.Notified> notifications,
    List<String> notes) {

  /** The machine as the run found it: load averages from /proc/loadavg before and after. */
  public record Machine(int cores, long maxHeapMb, String loadBefore, String loadAfter, String broker) {}

  public record Traffic(long startMs, long endMs, long requests, long costEvents, double requestsPerSecond,
      int services, int routes, String window, List<LoadProfile.Incident> incidents) {}

  /**
   * Issue 13's "Detection ≤ 2 s" from the breach: the largest breach → alert written over the detected
   * incidents whose breach was seen, silences left out. The webhook is not held to it: the shipped
   * routing's {@code group_wait} (10 s critical, 30 s otherwise) comes on top, as shipped. Why not
   * silences: an {@code absent} rule measures silence from the end of the service's newest window
   * (design §7), so it sees a silence up to a window after the last event, by definition, not by lag.
   *
   * @param worstIncident the incident of {@code maxBreachToAlertSeconds}; null when none was measured
   */
  public record DetectionTarget(double targetSeconds, int detected, int measured, Double maxBreachToAlertSeconds,
      String worstIncident, boolean met) {

    public static final double TARGET_SECONDS = 2.0;

    public static DetectionTarget of(AlertScoring.Quality quality) {
      List<AlertScoring.Detection> detected = quality.detections().stream()
          .filter(AlertScoring.Detection::detected).filter(d -> d.kind() != IncidentKind.silence).toList();
      AlertScoring.Detection worst = detected.stream().filter(d -> d.breachToAlertSeconds() != null)
          .max(java.util.Comparator.comparingDouble(AlertScoring.Detection::breachToAlertSeconds)).orElse(null);
      int measured = (int) detected.stream().filter(d -> d.breachToAlertSeconds() != null).count();
      return new DetectionTarget(TARGET_SECONDS, detected.size(), measured,
          worst == null ? null : worst.breachToAlertSeconds(), worst == null ? null : worst.incident(),
          worst != null && measured == detected.size() && worst.breachToAlertSeconds() <= TARGET_SECONDS);
    }
  }

  /** Percentiles of a set of measurements (ms). */
  public record Percentiles(long count, double p50, double p95, double p99, double max) {
    public static Percentiles of(List<Double> values) {
      if (values.isEmpty()) {
        return new Percentiles(0, 0, 0, 0, 0);
      }
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      return new Percentiles(sorted.length, rank(sorted, 0.5), rank(sorted, 0.95), rank(sorted, 0.99),
          sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
      return sorted[(int) Math.max(0, Math.ceil(q * sorted.length) - 1)];
    }
  }

  /**
   * End-to-end lag, ms: newest event of an open window to its publication, end of a window to the closed
   * window written (grace included), an incident's first event to its first alert written, and the breach
   * of the rule that alerted first to that alert (Klaxon's part, against issue 13's 2 s).
   */
  public record Lag(Percentiles openWindow, Percentiles closedWindow, Percentiles alert, Percentiles breachToAlert,
      long graceMs) {}

  /** Ingest and processing rates, events/s, measured after the detection run on the same broker. */
  public record Throughput(long gatewayEvents, double gateway, double directProducer, double gatewayP99Ms,
      long processorEvents, double processor, double processorSteady, double plainConsumer, double handWrittenConsumer) {
    public double processorOverPlainConsumer() {
      return processor / plainConsumer;
    }

    /** The processor's rate after its start-up against the hand-written consumer's: issue 13's ratio. */
    public double processorSteadyOverHandWritten() {
      return processorSteady / handWrittenConsumer;
    }
  }

  /** Retained heap of open windows per series, measured in this run or cited. */
  public record Memory(String source, List<MemoryRow> rows) {}

  public record MemoryRow(int series, int eventsPerRoute, long retainedBytes) {
    public long bytesPerSeries() {
      return retainedBytes / series;
    }
  }

  /** Requests sent in one second of the run (second = epoch s). */
  public record SentSecond(long second, long requests) {}
}

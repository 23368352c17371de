package dev.klaxon.loadtest.load;

import java.io.PrintStream;

/** The plain-text summary of a {@link LoadReport}, as {@code klaxon bench load} prints it. */
public final class LoadSummary {

  private LoadSummary() {}

  public static void print(LoadReport report, PrintStream out) {
    LoadReport.Traffic traffic = report.traffic();
    out.println();
    out.printf("load test summary — profile %s; %d cores, %,d MB max heap; load average before %s, after %s%n",
        report.profile(), report.machine().cores(), report.machine().maxHeapMb(), report.machine().loadBefore(),
        report.machine().loadAfter());
    out.printf("traffic: %,d requests (%.0f/s), %,d cost events over %d services, %d routes; %s windows%n",
        traffic.requests(), traffic.requestsPerSecond(), traffic.costEvents(), traffic.services(), traffic.routes(),
        traffic.window());

    AlertScoring.Quality q = report.quality();
    out.println();
    out.println("detection, seconds (event time = wall clock): from the incident's first event to the breach (the");
    out.println("data crossing the first alerting rule's threshold, in the sender's copy of the windows), the alert");
    out.println("written and the webhook; then from the breach, Klaxon's own part:");
    out.printf("  %-28s %-13s %-10s %8s %8s %8s %14s %16s  %s%n", "incident", "kind", "expected", "breach", "alert",
        "webhook", "breach->alert", "breach->webhook", "rules (breach s from first event)");
    for (AlertScoring.Detection d : q.detections()) {
      out.printf("  %-28s %-13s %-10s %8s %8s %8s %14s %16s  %s%n", d.incident(), d.kind(),
          d.expectsAlert() ? "alert" : "no alert", seconds(d.breachSeconds()), seconds(d.alertSeconds()),
          seconds(d.webhookSeconds()), seconds(d.breachToAlertSeconds()), seconds(d.breachToWebhookSeconds()),
          String.join(", ", d.rules().stream().map(rule -> rule + d.breaches().stream()
              .filter(b -> b.rule().equals(rule)).findFirst()
              .map(b -> String.format(" (%s %.2f)", b.severity(), b.seconds())).orElse(" (no breach seen)")).toList()));
    }
    LoadReport.DetectionTarget target = report.detectionTarget();
    if (target.maxBreachToAlertSeconds() == null) {
      out.printf("target (issue 13, detection <= %.0f s from the breach): not measured, no breach seen for the %d "
          + "detected incident(s)%n", target.targetSeconds(), target.detected());
    } else {
      out.printf("target (issue 13, detection <= %.0f s from the breach): max breach -> alert written %.2f s (%s) over "
              + "%d of %d detected incidents, silences aside: %s%n", target.targetSeconds(), target.maxBreachToAlertSeconds(),
          target.worstIncident(), target.measured(), target.detected(), target.met() ? "met" : "NOT met");
    }
    out.println("  breach -> webhook includes the shipped routing's group_wait (10 s critical, 30 s otherwise), as shipped;");
    out.println("  a silence is measured from the end of the service's newest window, up to a window after its last event,"
        + " so it is not held to the target");
    out.printf("alert quality: recall %d/%d (%.0f %%), false alerts %d, flaps %d, alert episodes %d%n",
        q.incidentsDetected(), q.incidentsExpected(), q.recall() * 100, q.falseAlerts().size(), q.flaps().size(),
        q.episodes());
    q.falseAlerts().forEach(f -> out.printf("  false alert: %s %s %s (%s)%n", f.rule(), f.severity(), f.labels(),
        f.why()));
    q.flaps().forEach(f -> out.printf("  flap: %s %s resolved then fired again %.1f s later%n", f.rule(), f.labels(),
        (f.firedAgainAtMs() - f.resolvedAtMs()) / 1000.0));

    QuantileAccuracy.Result a = report.accuracy();
    out.println();
    out.printf("quantile accuracy over %d closed service windows (%d not compared: partial or < 100 requests),%n",
        a.windowsCompared(), a.windowsSkipped());
    out.println("relative error against the exact nearest-rank quantile of every sample sent:");
    out.printf("  %-5s %16s %16s %22s %22s%n", "", "Klaxon max", "Klaxon mean", "Prometheus buckets max",
        "Prometheus mean");
    for (QuantileAccuracy.Summary s : a.summaries()) {
      out.printf("  p%-4s %15.3f%% %15.3f%% %21.1f%% %21.1f%%%n", label(s.q()), s.klaxonMaxError() * 100,
          s.klaxonMeanError() * 100, s.bucketsMaxError() * 100, s.bucketsMeanError() * 100);
    }

    LoadReport.Lag lag = report.lag();
    out.println();
    out.println("end-to-end lag, ms                          count      p50      p95      p99      max");
    lagRow(out, "newest event -> open window written", lag.openWindow());
    lagRow(out, "window end -> closed window written*", lag.closedWindow());
    lagRow(out, "incident's first event -> alert written", lag.alert());
    lagRow(out, "breach -> alert written", lag.breachToAlert());
    out.printf("  * includes the %d ms grace a window waits for late events%n", lag.graceMs());

    LoadReport.Throughput t = report.throughput();
    out.println();
    if (t == null) {
      out.println("throughput: not measured by this profile (see load-tests/RESULTS.md)");
    } else {
      out.printf("ingest: gateway %,.0f events/s, direct producer %,.0f events/s (ratio %.2f), gateway request p99 %.1f ms%n",
          t.gateway(), t.directProducer(), t.gateway() / t.directProducer(), t.gatewayP99Ms());
      out.printf("processor: %,.0f events/s exactly-once (%,.0f/s after its start-up); plain consumer %,.0f/s, "
          + "hand-written Avro+histograms %,.0f/s; processor after start-up / hand-written %.2f; processor / plain "
          + "consumer %.2f%n", t.processor(), t.processorSteady(), t.plainConsumer(), t.handWrittenConsumer(),
          t.processorSteadyOverHandWritten(), t.processorOverPlainConsumer());
    }
    out.printf("memory: %s%n", report.memory().source());
    report.notes().forEach(note -> out.printf("note: %s%n", note));
    report.memory().rows().forEach(r -> out.printf("  %,9d series: %,.1f MB, %,d B per series%n", r.series(),
        r.retainedBytes() / 1e6, r.bytesPerSeries()));
  }

  private static void lagRow(PrintStream out, String name, LoadReport.Percentiles p) {
    out.printf("  %-40s %6d %8.0f %8.0f %8.0f %8.0f%n", name, p.count(), p.p50(), p.p95(), p.p99(), p.max());
  }

  private static String seconds(Double value) {
    return value == null ? "none" : String.format("%.2f", value);
  }

  static String label(double q) {
    return q == 0.5 ? "50" : q == 0.95 ? "95" : "99";
  }
}

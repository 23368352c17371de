package dev.klaxon.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.loadtest.bench.LoadBenchmark;
import dev.klaxon.loadtest.load.AlertScoring;
import dev.klaxon.loadtest.load.IncidentKind;
import dev.klaxon.loadtest.load.LoadProfile;
import dev.klaxon.loadtest.load.LoadReport;
import dev.klaxon.loadtest.load.QuantileAccuracy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The shipped smoke profile through the real roles on the embedded broker: correctness only (every
 * incident detected, nothing else alerted, nothing flapped, quantiles within HdrHistogram's bound), not
 * speed, which this shared machine cannot promise.
 */
@KafkaIntegrationTest
class LoadSmokeIntegrationTest {

  @Test
  void theSmokeProfileDetectsEveryIncidentWithoutFalseAlertsOrFlapsAndExactQuantiles(KafkaTestEnv kafka)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LoadReport report = new LoadBenchmark(new LoadBenchmark.Options(LoadProfile.shipped("smoke"), "smoke",
        kafka.bootstrapServers()), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    String summary = printed.toString(StandardCharsets.UTF_8);

    AlertScoring.Quality quality = report.quality();
    assertThat(quality.detections()).as(summary).extracting(AlertScoring.Detection::kind)
        .containsExactlyInAnyOrder(IncidentKind.values());
    assertThat(quality.detections()).as(summary).filteredOn(AlertScoring.Detection::expectsAlert)
        .allMatch(AlertScoring.Detection::detected);
    assertThat(quality.recall()).as(summary).isEqualTo(1.0);
    // The sender saw each detected incident's breach, so detection is measured from it (not timed here).
    assertThat(quality.detections()).as(summary).filteredOn(AlertScoring.Detection::detected)
        .allSatisfy(d -> assertThat(d.breachToAlertSeconds()).as(d.incident()).isNotNull());
    assertThat(quality.falseAlerts()).as(summary).isEmpty();
    assertThat(quality.flaps()).as(summary).isEmpty();

    QuantileAccuracy.Result accuracy = report.accuracy();
    assertThat(accuracy.windowsCompared()).as(summary).isGreaterThanOrEqualTo(5);
    // HdrHistogram at 3 significant digits, reporting a bucket's middle: within 0.1 % of the exact value.
    assertThat(accuracy.summaries()).as(summary).allSatisfy(s -> assertThat(s.klaxonMaxError()).isLessThan(0.001));
    assertThat(report.throughput()).isNull();
    assertThat(summary).contains("alert quality: recall 4/4");
  }
}

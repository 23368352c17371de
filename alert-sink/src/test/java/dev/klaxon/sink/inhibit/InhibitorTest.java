package dev.klaxon.sink.inhibit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.route.AlertLabels;
import dev.klaxon.sink.testing.Alerts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InhibitorTest {

  private final Inhibitor inhibitor = new Inhibitor(SinkConfig.defaults().inhibitRules());

  private static Alert alert(String fp, String rule, Severity severity, String... labels) {
    return Alerts.firing(fp, rule, severity, Instant.EPOCH, labels);
  }

  private boolean muted(Alert target) {
    return inhibitor.mutedBy(target.getFingerprint(), AlertLabels.of(target)).isPresent();
  }

  @Test
  void aFiringCriticalMutesTheWarningOfTheSameRuleAndService() {
    Alert critical = alert("c", "HighP95Latency", Severity.critical, "service", "api");
    Alert warning = alert("w", "HighP95Latency", Severity.warning, "service", "api");
    assertThat(muted(warning)).isFalse();

    inhibitor.observe(critical);
    var inhibition = inhibitor.mutedBy("w", AlertLabels.of(warning));
    assertThat(inhibition).isPresent();
    assertThat(inhibition.get().sourceFingerprint()).isEqualTo("c");
    assertThat(inhibition.get().rulePath()).isEqualTo("inhibit_rules[0]");
    assertThat(muted(critical)).as("the source itself is not a target").isFalse();

    inhibitor.observe(Alerts.resolved(critical, Instant.EPOCH.plusSeconds(60)));
    assertThat(muted(warning)).as("a resolved source mutes nothing").isFalse();
  }

  @Test
  void otherServicesOtherRulesAndAlertsWithoutTheEqualLabelsAreNotMuted() {
    inhibitor.observe(alert("c", "HighP95Latency", Severity.critical, "service", "api"));
    assertThat(muted(alert("w1", "HighP95Latency", Severity.warning, "service", "web"))).isFalse();
    assertThat(muted(alert("w2", "HighErrorRate", Severity.warning, "service", "api"))).isFalse();
    assertThat(muted(alert("i", "HighP95Latency", Severity.info, "service", "api"))).isFalse();

    inhibitor.observe(alert("c2", "NoEvents", Severity.critical));
    assertThat(muted(alert("w3", "NoEvents", Severity.warning)))
        .as("missing 'service' on both sides is not equal (unlike Alertmanager)").isFalse();
  }
}

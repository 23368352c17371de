package dev.klaxon.sink.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFactsTest {

  @Test
  void theUnitAnnotationDecidesHowValueAndThresholdPrint() {
    assertThat(AlertFacts.valueVsThreshold(alert("BudgetUsed", "ratio", 0.82, 0.8))).isEqualTo("82% (threshold 80%)");
    assertThat(AlertFacts.valueVsThreshold(alert("SpendSpike", "×", 5.25, 5))).isEqualTo("5.25× (threshold 5×)");
    assertThat(AlertFacts.valueVsThreshold(alert("HighCostPerRequest", "$", 0.12, 0.1)))
        .isEqualTo("$0.12 (threshold $0.1)");
    assertThat(AlertFacts.valueVsThreshold(alert("ServiceSilent", "duration", 330_000, 300_000)))
        .isEqualTo("5m30s (threshold 5m)");
  }

  @Test
  void withoutAUnitTheRuleNameDecides() {
    assertThat(AlertFacts.valueVsThreshold(alert("HighP95Latency", null, 2350, 2000)))
        .isEqualTo("2350 ms (threshold 2000 ms)");
    assertThat(AlertFacts.valueVsThreshold(alert("Anything", null, 3, 2))).isEqualTo("3 (threshold 2)");
  }

  private static Alert alert(String rule, String unit, double value, double threshold) {
    Map<String, String> annotations = new HashMap<>(Map.of("summary", rule));
    if (unit != null) {
      annotations.put("unit", unit);
    }
    return Alert.newBuilder().setFingerprint("fp").setRule(rule).setSeverity(Severity.warning)
        .setStatus(AlertStatus.firing).setLabels(Map.of("service", "s")).setAnnotations(annotations)
        .setValue(value).setThreshold(threshold).setStartsAt(0L).setEndsAt(null).build();
  }
}

package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.RequestWindow;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTableTest {

  @Test
  void rendersOneRowPerSeriesWithTheServiceTotalFirstAndMarksBreaches() {
    String table = new WindowTable(false).render(0, 10_000, List.of(
        window("checkout-api", "POST /checkout", 120.0, 2500.0, 0.0),
        window("checkout-api", "*", 80.0, 900.0, 0.02),
        window("auth-api", "POST /login", 20.0, 40.0, 0.0)));

    List<String> rows = table.lines().filter(l -> l.contains("-api")).toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).startsWith("auth-api").doesNotContain("warning", "CRITICAL");
    assertThat(rows.get(1)).contains("checkout-api", "*", "2.0%", "warning");
    assertThat(rows.get(2)).contains("POST /checkout", "2500.0", "CRITICAL");
    assertThat(table).doesNotContain("\u001b[");
  }

  @Test
  void windowsWithTooFewRequestsAreNeverMarked() {
    RequestWindow small = window("a", "r", 1, 3000, 0.5);
    small.setCount(WindowTable.P95.minCount() - 1);
    assertThat(WindowTable.severity(small)).isEmpty();
  }

  @Test
  void theMarksAreTheShippedRulesThresholds() {
    assertThat(WindowTable.severity(window("a", "r", 1, 2000, 0))).isEqualTo("warning");
    assertThat(WindowTable.severity(window("a", "r", 1, 2001, 0))).isEqualTo("CRITICAL");
    assertThat(WindowTable.severity(window("a", "r", 1, 10, 0.05))).isEqualTo("warning");
    assertThat(WindowTable.severity(window("a", "r", 1, 10, 0.06))).isEqualTo("CRITICAL");
    assertThat(WindowTable.severity(window("a", "r", 1, 1000, 0.01))).isEmpty();
  }

  @Test
  void colourIsOnlyUsedWhenAsked() {
    String table = new WindowTable(true).render(0, 10_000, List.of(window("a", "r", 1, 3000, 0)));
    assertThat(table).contains("\u001b[31;1m");
  }

  private static RequestWindow window(String service, String route, double p50, double p95, double errorRate) {
    return RequestWindow.newBuilder().setService(service).setRoute(route).setWindowStart(0).setWindowEnd(10_000)
        .setCount(100).setErrors5xx((long) (errorRate * 100)).setErrors4xx(0).setErrorRate(errorRate).setP50(p50)
        .setP95(p95).setP99(p95 * 1.2).setMax(p95 * 2).setMean(p50).setHistogram(ByteBuffer.allocate(0)).build();
  }
}

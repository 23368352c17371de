package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code HighP99Latency}: a p99 of a few hundred requests is their second or third slowest,
 * so two outliers breach it briefly (the load test's false warning on {@code payments}, p99 about 660 ms);
 * its warning fires only when the breach holds 2 minutes, its critical at once.
 */
class ShippedP99RuleTest {

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  /** The service's running window at minute {@code m}: only the p99 matters, p95 stays under its rule. */
  private static RequestWindow p99(int m, long count, double p99) {
    return window("payments", m).setCount(count).setP50(180).setP95(450).setP99(p99).setMax(Math.max(p99, 1200))
        .build();
  }

  @Test
  void twoSlowOutliersInAnOpenWindowOfAFewHundredRequestsDoNotAlert() {
    fixture = new EvaluatorFixture(RuleSet.defaults(), stateDir);

    fixture.open(p99(0, 120, 640), minute(0.05));
    fixture.open(p99(0, 160, 1150), minute(0.07));  // the second request over 1 s among 160
    fixture.open(p99(0, 190, 1150), minute(0.08));
    fixture.open(p99(0, 240, 700), minute(0.10));   // at 200+ it is the third slowest again
    fixture.open(p99(0, 2600, 660), minute(0.98));
    fixture.closed(p99(0, 2667, 660));

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void oneQuietMinuteOverOneSecondDoesNotAlertButTwoInARowDo() {
    fixture = new EvaluatorFixture(RuleSet.defaults(), stateDir);

    fixture.closed(p99(0, 150, 1150));
    fixture.closed(p99(1, 150, 640));
    assertThat(fixture.transitions()).as("one breaching window of 2").isEmpty();

    fixture.closed(p99(2, 150, 1150));
    fixture.closed(p99(3, 150, 1300));
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getRule()).isEqualTo("HighP99Latency");
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
    });
  }

  @Test
  void aP99HeldOverOneSecondInOpenWindowsFiresAfterTwoMinutes() {
    fixture = new EvaluatorFixture(RuleSet.defaults(), stateDir);

    fixture.open(p99(0, 500, 1400), minute(0.2));
    fixture.open(p99(0, 2000, 1500), minute(0.9));
    fixture.open(p99(1, 500, 1450), minute(1.2));
    fixture.open(p99(1, 2000, 1500), minute(2.1));
    assertThat(fixture.transitions()).as("1.9 minutes of breach").isEmpty();

    fixture.open(p99(2, 300, 1500), minute(2.2));
    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
      assertThat(alert.getStartsAt()).isEqualTo(minute(2.2));
    });
  }

  @Test
  void aP99OverFiveSecondsPagesAtOnce() {
    fixture = new EvaluatorFixture(RuleSet.defaults(), stateDir);

    fixture.open(p99(0, 150, 6000), minute(0.1));

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getStatus()).isEqualTo(AlertStatus.firing);
      assertThat(alert.getRule()).isEqualTo("HighP99Latency");
      assertThat(alert.getSeverity()).isEqualTo(Severity.critical);
    });
  }
}

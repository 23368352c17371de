package dev.klaxon.rules;

import static dev.klaxon.rules.EvaluatorFixture.minute;
import static dev.klaxon.rules.EvaluatorFixture.spend;
import static dev.klaxon.rules.EvaluatorFixture.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spend.costPerRequest: a service's minute of spend (all providers) over its requests of that minute. */
class CostPerRequestTest {

  static final String COST_PER_REQUEST = """
      {name: CostPerRequest, metric: spend.costPerRequest, warning: 0.10, minCount: 20,
       summary: "{{service}}: {{value}} per request (over {{threshold}})"}""";

  @TempDir Path stateDir;
  private EvaluatorFixture fixture;

  @AfterEach
  void close() {
    fixture.close();
  }

  private static SpendWindow serviceSpend(String service, String provider, int m, String usd) {
    return spend("*", provider, "minute", Instant.ofEpochMilli(minute(m)), Instant.ofEpochMilli(minute(m + 1)), usd)
        .setService(service).build();
  }

  @Test
  void spendArrivingFirstThenTheRequestsFiresAbove10Cents() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(COST_PER_REQUEST), stateDir);

    fixture.closedSpend(serviceSpend("search", "*", 0, "15"));
    assertThat(fixture.transitions()).isEmpty();
    fixture.closed(window("search", 0).setCount(100).build());

    assertThat(fixture.transitions()).singleElement().satisfies(alert -> {
      assertThat(alert.getSeverity()).isEqualTo(Severity.warning);
      assertThat(alert.getValue()).isEqualTo(0.15);
      assertThat(alert.getLabels()).containsEntry("service", "search");
      assertThat(alert.getAnnotations().get("summary")).isEqualTo("search: $0.15 per request (over $0.10)");
    });
  }

  @Test
  void requestsArrivingFirstThenTheSpendFiresTooAndPerProviderSpendIsNotPaired() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(COST_PER_REQUEST), stateDir);

    fixture.closed(window("search", 0).setCount(100).build());
    fixture.closedSpend(serviceSpend("search", "openai", 0, "15"));
    assertThat(fixture.transitions()).as("one provider is not the service's spend").isEmpty();
    fixture.closedSpend(serviceSpend("search", "*", 0, "10.5"));

    assertThat(fixture.transitions()).extracting(Alert::getValue).containsExactly(0.105);
  }

  @Test
  void belowTenCentsOrTooFewRequestsOrAnotherMinutesRequestsFireNothing() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(COST_PER_REQUEST), stateDir);

    fixture.closedSpend(serviceSpend("search", "*", 0, "5"));
    fixture.closed(window("search", 0).setCount(100).build());
    fixture.closedSpend(serviceSpend("search", "*", 1, "5"));
    fixture.closed(window("search", 1).setCount(10).build()); // $0.50 a request, but of 10 requests
    fixture.closedSpend(serviceSpend("search", "*", 2, "50"));
    fixture.closed(window("search", 3).setCount(100).build());

    assertThat(fixture.transitions()).isEmpty();
  }

  @Test
  void aCheapMinuteResolvesAndAServiceThatStopsSpendingResolvesAfterTwoQuietMinutes() {
    fixture = new EvaluatorFixture(EvaluatorFixture.rules(COST_PER_REQUEST), stateDir);
    fixture.closedSpend(serviceSpend("search", "*", 0, "15"));
    fixture.closed(window("search", 0).setCount(100).build());
    fixture.closedSpend(serviceSpend("search", "*", 1, "1"));
    fixture.closed(window("search", 1).setCount(100).build());
    assertThat(fixture.transitions()).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.firing, AlertStatus.resolved);

    fixture.closedSpend(serviceSpend("search", "*", 2, "15"));
    fixture.closed(window("search", 2).setCount(100).build());
    fixture.closed(window("search", 3).setCount(100).build()); // requests, no spend any more
    fixture.advanceWallClock(Duration.ofMinutes(1).plusSeconds(2));
    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.firing);
    fixture.advanceWallClock(Duration.ofMinutes(1).plusSeconds(2));

    assertThat(fixture.transitions()).extracting(Alert::getStatus).containsExactly(AlertStatus.resolved);
  }
}

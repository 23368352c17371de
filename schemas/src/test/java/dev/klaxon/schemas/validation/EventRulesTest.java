package dev.klaxon.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventRulesTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  private static final EventRules RULES = EventRules.of(EventLimits.defaults());

  private static RequestEvent request(double durationMs) {
    return RequestEvent.newBuilder().setService("checkout").setRoute("GET /cart").setStatus(200)
        .setDurationMs(durationMs).setTimestamp(NOW.toEpochMilli()).build();
  }

  private static CostEvent cost(String costUsd) {
    return CostEvent.newBuilder().setService("llm-gateway").setUserId("u1").setProvider("openai")
        .setCostUsd(new BigDecimal(costUsd)).setTimestamp(NOW.toEpochMilli()).build();
  }

  private static List<String> messages(List<FieldViolation> violations) {
    return violations.stream().map(FieldViolation::message).toList();
  }

  @Test
  void validEventsOfEveryTypeBreakNoRule() {
    LogEvent log = LogEvent.newBuilder().setService("s").setLevel(LogLevel.warn).setMessage("")
        .setTimestamp(NOW.toEpochMilli()).build();

    assertThat(RULES.check(request(12.5))).isEmpty();
    assertThat(RULES.check(log)).isEmpty();
    assertThat(RULES.check(cost("0.0123"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aNonFiniteDurationIsRefusedNamingTheField(double duration) {
    assertThat(RULES.check(request(duration)))
        .containsExactly(new FieldViolation("durationMs", "durationMs must be a finite number, got " + duration));
  }

  @Test
  void aDurationLongerThanTheMaximumIsRefusedNamingTheBound() {
    assertThat(RULES.check(request(1e300)))
        .containsExactly(new FieldViolation("durationMs", "durationMs must be at most 1d, got 1.0E300"));
    assertThat(RULES.check(request(86_400_000))).isEmpty();
    assertThat(EventRules.of(EventLimits.defaults().withMaxDuration(Duration.ofMillis(1500))).check(request(1500.5)))
        .extracting(FieldViolation::message).containsExactly("durationMs must be at most 1s500ms, got 1500.5");
  }

  @Test
  void aNegativeDurationIsRefused() {
    assertThat(messages(RULES.check(request(-0.5)))).containsExactly("durationMs must be >= 0, got -0.5");
  }

  @Test
  void aCostAboveTheMaximumNegativeOrFinerThanTheScaleIsRefused() {
    assertThat(messages(RULES.check(cost("1e12")))).containsExactly(
        "costUsd must be at most 10000 per event, got 1000000000000");
    assertThat(messages(RULES.check(cost("-0.01")))).containsExactly("costUsd must be >= 0, got -0.01");
    assertThat(messages(RULES.check(cost("0.0000000001")))).containsExactly(
        "costUsd must have at most 9 decimal places, got 0.0000000001");
    assertThat(RULES.check(cost("10000.000000000"))).isEmpty();
  }

  @Test
  void unitsMustBeAFiniteNumberNotBelowZero() {
    CostEvent event = cost("1");
    event.setUnits(Double.NaN);
    assertThat(messages(RULES.check(event))).containsExactly("units must be a finite number, got NaN");
    event.setUnits(-1.0);
    assertThat(messages(RULES.check(event))).containsExactly("units must be >= 0, got -1.0");
  }

  @Test
  void unsetPrimitivesAreReportedMissingRatherThanCheckedAsZero() {
    RequestEvent event = new RequestEvent();
    event.setService("checkout");
    event.setAttributes(Map.of());

    assertThat(RULES.check(event, List.of("status", "durationMs", "timestamp"))).containsExactly(
        new FieldViolation("route", "route is required"),
        new FieldViolation("status", "status is required"),
        new FieldViolation("durationMs", "durationMs is required"),
        new FieldViolation("timestamp", "timestamp is required"));
  }

  @Test
  void everyViolationIsReportedInTheSchemasFieldOrder() {
    RequestEvent event = request(Double.NaN);
    event.setService(" ");
    event.setStatus(700);
    event.setTimestamp(NOW.getEpochSecond());
    event.setAttributes(Map.of("k", "v".repeat(1025)));

    assertThat(RULES.check(event)).extracting(FieldViolation::field)
        .containsExactly("service", "status", "durationMs", "timestamp", "attributes.k");
    assertThat(messages(RULES.check(event))).contains("timestamp must not be before 2000-01-01T00:00:00Z, got "
        + "1970-01-21T05:46:19.200Z (epoch seconds? timestamp is in milliseconds)");
  }

  @Test
  void attributesMayNotHoldNullsAndAreBounded() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("region", null);
    RequestEvent event = request(1);
    event.setAttributes(withNull);

    assertThat(RULES.check(event))
        .containsExactly(new FieldViolation("attributes.region", "attribute keys and values must not be null"));
  }

  @Test
  void onlyRulesAtIngestCheckTheFutureAgainstAClock() {
    RequestEvent tomorrow = request(1);
    tomorrow.setTimestamp(NOW.plus(Duration.ofDays(1)).toEpochMilli());

    assertThat(RULES.check(tomorrow)).as("the record alone decides, for replays").isEmpty();
    assertThat(EventRules.atIngest(EventLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC)).check(tomorrow))
        .extracting(FieldViolation::message).containsExactly("timestamp must not be more than 1h in the future "
            + "(latest 2025-06-01T13:00:00Z), got 2025-06-02T12:00:00Z");
  }

  @Test
  void requireValidThrowsWithEveryViolationInItsMessage() {
    RequestEvent event = request(1e300);
    event.setStatus(42);

    assertThat(RULES.requireValid(request(1))).isNotNull();
    assertThatThrownBy(() -> RULES.requireValid(event)).isInstanceOfSatisfying(EventRuleException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("status", "durationMs"))
        .hasMessage("status must be between 100 and 599, got 42; durationMs must be at most 1d, got 1.0E300");
  }

  @Test
  void recordsThatAreNotInputEventsAreAProgrammingError() {
    assertThatThrownBy(() -> RULES.check(new RequestWindow()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Klaxon input event");
  }

  @Test
  void costsAreBroughtToTheSchemasScale() {
    assertThat(EventRules.atCostScale(new BigDecimal("12.30"))).isEqualTo(new BigDecimal("12.300000000"));
  }
}

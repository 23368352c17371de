package dev.klaxon.schemas.json;

import static dev.klaxon.schemas.json.JsonEvent.NOW;
import static dev.klaxon.schemas.json.JsonEvent.NOW_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.validation.EventLimits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonParserTest {

  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final EventJsonParser parser = new EventJsonParser(EventLimits.defaults(), CLOCK);

  private SpecificRecord parseOne(Object json) {
    List<SpecificRecord> events = parser.parseBatch(json.toString()).eventsOrThrow();
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private List<FieldError> errorsOf(Object json) {
    ParseResult result = parser.parseBatch(json.toString());
    assertThat(result.isValid()).as("expected %s to be rejected", json).isFalse();
    assertThat(result.events()).isEmpty();
    return result.errors();
  }

  /** The message of the one error of a one-item body, which must name {@code field}. */
  private String onlyErrorOn(String field, Object json) {
    List<FieldError> errors = errorsOf(json);
    assertThat(errors).as("errors of %s", json).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo(field);
    assertThat(errors.get(0).index()).isZero();
    return errors.get(0).message();
  }

  @Nested
  class ValidEvents {

    @Test
    void requestWithEveryFieldAndEpochMillis() {
      RequestEvent event = (RequestEvent) parseOne(JsonEvent.request().text("method", "GET")
          .text("userId", "u1").text("requestId", "r1").text("environment", "production")
          .with("attributes", "{\"region\":\"eu\"}"));

      assertThat(event.getService()).isEqualTo("checkout");
      assertThat(event.getRoute()).isEqualTo("GET /cart");
      assertThat(event.getMethod()).isEqualTo("GET");
      assertThat(event.getStatus()).isEqualTo(200);
      assertThat(event.getDurationMs()).isEqualTo(12.5);
      assertThat(event.getTimestamp()).isEqualTo(NOW_MS);
      assertThat(event.getUserId()).isEqualTo("u1");
      assertThat(event.getRequestId()).isEqualTo("r1");
      assertThat(event.getEnvironment()).isEqualTo("production");
      assertThat(event.getAttributes()).containsExactly(Map.entry("region", "eu"));
    }

    @Test
    void optionalFieldsDefaultToNullAndEmptyAttributes() {
      RequestEvent event = (RequestEvent) parseOne(JsonEvent.request().with("method", "null"));

      assertThat(event.getMethod()).isNull();
      assertThat(event.getUserId()).isNull();
      assertThat(event.getAttributes()).isEmpty();
    }

    @Test
    void requestWithIsoTimestampInUtc() {
      RequestEvent event = (RequestEvent) parseOne(JsonEvent.request().text("timestamp", "2025-06-01T11:30:00.123Z"));

      assertThat(event.getTimestamp()).isEqualTo(Instant.parse("2025-06-01T11:30:00.123Z").toEpochMilli());
    }

    @Test
    void subMillisecondDigitsAreTruncated() {
      RequestEvent event = (RequestEvent) parseOne(JsonEvent.request().text("timestamp", "2025-06-01T11:30:00.123999Z"));

      assertThat(event.getTimestamp()).isEqualTo(Instant.parse("2025-06-01T11:30:00.123Z").toEpochMilli());
    }

    @Test
    void logWithIsoTimestampWithOffsetAndUpperCaseLevel() {
      LogEvent event = (LogEvent) parseOne("""
          {"type":"log","service":"llm-gw","level":"ERROR","message":"provider timeout",
           "timestamp":"2025-06-01T13:00:00+02:00","logger":"openai","errorType":"ProviderTimeout",
           "requestId":"r1","userId":"u1","attributes":{"model":"gpt"}}""");

      assertThat(event.getLevel()).isEqualTo(LogLevel.error);
      assertThat(event.getTimestamp()).isEqualTo(Instant.parse("2025-06-01T11:00:00Z").toEpochMilli());
      assertThat(event.getMessage()).isEqualTo("provider timeout");
      assertThat(event.getLogger()).isEqualTo("openai");
      assertThat(event.getErrorType()).isEqualTo("ProviderTimeout");
      assertThat(event.getAttributes()).containsEntry("model", "gpt");
    }

    @Test
    void logWithEpochMillisAndEmptyMessage() {
      LogEvent event = (LogEvent) parseOne(JsonEvent.log().text("level", "warn").text("message", ""));

      assertThat(event.getLevel()).isEqualTo(LogLevel.warn);
      assertThat(event.getMessage()).isEmpty();
      assertThat(event.getTimestamp()).isEqualTo(NOW_MS);
    }

    @Test
    void logCarriesItsEnvironmentLikeARequest() {
      LogEvent event = (LogEvent) parseOne(JsonEvent.log().text("environment", "production"));

      assertThat(event.getEnvironment()).isEqualTo("production");
      assertThat(((LogEvent) parseOne(JsonEvent.log())).getEnvironment()).isNull();
    }

    @Test
    void costFromJsonNumberKeepsExactDigitsAtScale9() {
      CostEvent event = (CostEvent) parseOne(JsonEvent.cost().with("costUsd", "0.000123457")
          .with("units", "1532").text("unitType", "tokens").text("operation", "chat").text("requestId", "r"));

      assertThat(event.getCostUsd()).isEqualTo(new BigDecimal("0.000123457"));
      assertThat(event.getUnits()).isEqualTo(1532.0);
      assertThat(event.getUnitType()).isEqualTo("tokens");
      assertThat(event.getOperation()).isEqualTo("chat");
      assertThat(event.getProvider()).isEqualTo("openai");
      assertThat(event.getTimestamp()).isEqualTo(NOW_MS);
    }

    @Test
    void costFromDecimalStringWithIsoTimestamp() {
      CostEvent event = (CostEvent) parseOne(
          JsonEvent.cost().text("costUsd", "12.30").text("timestamp", "2025-06-01T12:00:00Z"));

      assertThat(event.getCostUsd()).isEqualTo(new BigDecimal("12.300000000"));
      assertThat(event.getTimestamp()).isEqualTo(NOW_MS);
      assertThat(event.getUnits()).isNull();
    }

    @Test
    void trailingZerosBeyondScaleAreNotExtraPrecision() {
      CostEvent event = (CostEvent) parseOne(JsonEvent.cost().text("costUsd", "0.1000000000000"));

      assertThat(event.getCostUsd()).isEqualTo(new BigDecimal("0.100000000"));
    }

    @Test
    void costWithExponentNotationIsExact() {
      CostEvent event = (CostEvent) parseOne(JsonEvent.cost().with("costUsd", "1.5e-3"));

      assertThat(event.getCostUsd()).isEqualTo(new BigDecimal("0.001500000"));
    }
  }

  @Nested
  class TypeField {

    @Test
    void missingType() {
      assertThat(onlyErrorOn("type", JsonEvent.request().without("type")))
          .isEqualTo("type is required: one of request, log, cost");
    }

    @Test
    void unknownType() {
      assertThat(onlyErrorOn("type", JsonEvent.request().text("type", "metric")))
          .isEqualTo("type must be one of request, log, cost, got string \"metric\"");
    }

    @Test
    void typeIsCaseSensitive() {
      assertThat(onlyErrorOn("type", JsonEvent.request().text("type", "Request"))).endsWith("got string \"Request\"");
    }

    @Test
    void itemThatIsNotAnObject() {
      assertThat(errorsOf("[42]"))
          .containsExactly(new FieldError(0, null, "each event must be a JSON object, got number 42"));
    }
  }

  @Nested
  class RequiredFields {

    @ParameterizedTest
    @ValueSource(strings = {"service", "route", "status", "durationMs", "timestamp"})
    void missingRequestField(String field) {
      assertThat(onlyErrorOn(field, JsonEvent.request().without(field))).isEqualTo(field + " is required");
    }

    @Test
    void nullCountsAsMissing() {
      assertThat(onlyErrorOn("route", JsonEvent.request().with("route", "null"))).isEqualTo("route is required");
    }

    @Test
    void everyMissingFieldOfAnEmptyLogIsReported() {
      assertThat(errorsOf("{\"type\":\"log\"}")).extracting(FieldError::field)
          .containsExactly("service", "level", "message", "timestamp");
    }

    @Test
    void everyMissingFieldOfAnEmptyCostIsReported() {
      assertThat(errorsOf("{\"type\":\"cost\"}")).extracting(FieldError::field)
          .containsExactly("service", "userId", "provider", "costUsd", "timestamp");
    }

    @Test
    void blankIdentifier() {
      assertThat(onlyErrorOn("service", JsonEvent.request().text("service", "  ")))
          .isEqualTo("service must not be blank");
    }
  }

  @Nested
  class JsonTypes {

    @Test
    void stringWhereNumberExpected() {
      assertThat(onlyErrorOn("durationMs", JsonEvent.request().text("durationMs", "12.5")))
          .isEqualTo("durationMs must be a number, got string \"12.5\"");
    }

    @Test
    void statusMustBeAJsonInteger() {
      assertThat(onlyErrorOn("status", JsonEvent.request().text("status", "200")))
          .isEqualTo("status must be an integer, got string \"200\"");
      assertThat(onlyErrorOn("status", JsonEvent.request().with("status", "200.5")))
          .isEqualTo("status must be an integer, got number 200.5");
    }

    @Test
    void numberWhereStringExpected() {
      assertThat(onlyErrorOn("service", JsonEvent.request().with("service", "42")))
          .isEqualTo("service must be a string, got number 42");
    }

    @Test
    void objectWhereStringExpected() {
      assertThat(onlyErrorOn("method", JsonEvent.request().with("method", "{\"a\":1}")))
          .isEqualTo("method must be a string, got an object");
    }

    @Test
    void booleanTimestamp() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().with("timestamp", "true")))
          .isEqualTo("timestamp must be epoch milliseconds (integer) or an ISO-8601 string, got boolean true");
    }

    @Test
    void longStringsAreTruncatedInMessages() {
      String message = onlyErrorOn("durationMs", JsonEvent.request().text("durationMs", "x".repeat(10_000)));

      assertThat(message).hasSizeLessThan(100).endsWith("x…\"");
    }
  }

  @Nested
  class Ranges {

    @Test
    void negativeDuration() {
      assertThat(onlyErrorOn("durationMs", JsonEvent.request().with("durationMs", "-3")))
          .isEqualTo("durationMs must be >= 0, got -3.0");
    }

    @Test
    void zeroDurationIsFine() {
      assertThat(((RequestEvent) parseOne(JsonEvent.request().with("durationMs", "0"))).getDurationMs()).isZero();
    }

    @Test
    void durationTooLargeForADoubleIsNotFinite() {
      assertThat(onlyErrorOn("durationMs", JsonEvent.request().with("durationMs", "1e400")))
          .isEqualTo("durationMs must be a finite number, got Infinity");
    }

    @Test
    void durationBeyondADayIsRefusedNamingTheBound() {
      assertThat(onlyErrorOn("durationMs", JsonEvent.request().with("durationMs", "1e300")))
          .isEqualTo("durationMs must be at most 1d, got 1.0E300");
      assertThat(onlyErrorOn("durationMs", JsonEvent.request().with("durationMs", "86400000.001")))
          .isEqualTo("durationMs must be at most 1d, got 8.6400000001E7");
    }

    @Test
    void durationOfExactlyADayIsAccepted() {
      assertThat(((RequestEvent) parseOne(JsonEvent.request().with("durationMs", "86400000"))).getDurationMs())
          .isEqualTo(86_400_000.0);
    }

    @Test
    void maxDurationIsConfigurable() {
      EventJsonParser strict = new EventJsonParser(EventLimits.defaults().withMaxDuration(Duration.ofSeconds(30)), CLOCK);

      assertThat(strict.parseBatch(JsonEvent.request().with("durationMs", "30001").json()).errors())
          .containsExactly(new FieldError(0, "durationMs", "durationMs must be at most 30s, got 30001.0"));
      assertThat(strict.parseBatch(JsonEvent.request().with("durationMs", "30000").json()).isValid()).isTrue();
    }

    @Test
    void statusBeyondAnIntIsOutOfRange() {
      assertThat(onlyErrorOn("status", JsonEvent.request().with("status", "99999999999")))
          .isEqualTo("status is out of range, got 99999999999");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "99", "600", "-200"})
    void statusOutsideRange(String status) {
      assertThat(onlyErrorOn("status", JsonEvent.request().with("status", status)))
          .isEqualTo("status must be between 100 and 599, got " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 599})
    void statusAtTheBounds(int status) {
      assertThat(((RequestEvent) parseOne(JsonEvent.request().with("status", "" + status))).getStatus())
          .isEqualTo(status);
    }

    @Test
    void negativeUnits() {
      assertThat(onlyErrorOn("units", JsonEvent.cost().with("units", "-1"))).isEqualTo("units must be >= 0, got -1.0");
    }
  }

  @Nested
  class Levels {

    @ParameterizedTest
    @ValueSource(strings = {"trace", "DEBUG", "Info", "wArN", "error", "FATAL"})
    void anyCaseOfTheSixLevels(String level) {
      LogEvent event = (LogEvent) parseOne(JsonEvent.log().text("level", level));

      assertThat(event.getLevel().name()).isEqualToIgnoringCase(level);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"warning\"", "\"verbose\"", "\"\"", "3"})
    void otherLevels(String level) {
      assertThat(onlyErrorOn("level", JsonEvent.log().with("level", level)))
          .startsWith("level must be one of trace, debug, info, warn, error, fatal (any case), got ");
    }
  }

  @Nested
  class Timestamps {

    @Test
    void isoWithoutOffsetIsRejected() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().text("timestamp", "2025-06-01T12:00:00")))
          .isEqualTo("timestamp must be an ISO-8601 date-time with offset such as 2025-06-01T12:00:00Z "
              + "or +02:00, got string \"2025-06-01T12:00:00\"");
    }

    @Test
    void epochMillisAsStringIsRejected() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().text("timestamp", "" + NOW_MS)))
          .startsWith("timestamp must be an ISO-8601 date-time");
    }

    @Test
    void fractionalEpochIsRejected() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().with("timestamp", NOW_MS + ".5")))
          .startsWith("timestamp must be epoch milliseconds (integer)");
    }

    @Test
    void atTheSkewLimitIsAccepted() {
      long limit = NOW.plus(EventLimits.DEFAULT_MAX_FUTURE_SKEW).toEpochMilli();

      assertThat(((RequestEvent) parseOne(JsonEvent.request().with("timestamp", "" + limit))).getTimestamp())
          .isEqualTo(limit);
    }

    @Test
    void tooFarInTheFuture() {
      long future = NOW.plus(Duration.ofHours(1)).plusMillis(1).toEpochMilli();

      assertThat(onlyErrorOn("timestamp", JsonEvent.request().with("timestamp", "" + future)))
          .isEqualTo("timestamp must not be more than 1h in the future (latest 2025-06-01T13:00:00Z), "
              + "got 2025-06-01T13:00:00.001Z");
    }

    @Test
    void skewIsConfigurable() {
      EventJsonParser strict =
          new EventJsonParser(EventLimits.defaults().withMaxFutureSkew(Duration.ofSeconds(5)), CLOCK);
      String sixSecondsAhead = JsonEvent.request().with("timestamp", "" + NOW.plusSeconds(6).toEpochMilli()).json();

      assertThat(strict.parseBatch(sixSecondsAhead).errors()).singleElement().satisfies(e -> {
        assertThat(e.field()).isEqualTo("timestamp");
        assertThat(e.message()).contains("more than 5s in the future");
      });
      assertThat(parser.parseBatch(sixSecondsAhead).isValid()).isTrue();
    }

    @Test
    void futureCheckFollowsTheInjectedClock() {
      Instant tomorrow = NOW.plus(Duration.ofDays(1));
      String event = JsonEvent.request().with("timestamp", "" + tomorrow.toEpochMilli()).json();
      EventJsonParser tomorrowsParser = new EventJsonParser(EventLimits.defaults(), Clock.fixed(tomorrow, ZoneOffset.UTC));

      assertThat(parser.parseBatch(event).isValid()).isFalse();
      assertThat(tomorrowsParser.parseBatch(event).isValid()).isTrue();
    }

    @Test
    void epochSecondsAreBeforeYear2000AndHinted() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().with("timestamp", "" + NOW_MS / 1000)))
          .isEqualTo("timestamp must not be before 2000-01-01T00:00:00Z, got 1970-01-21T05:46:19.200Z "
              + "(epoch seconds? timestamp is in milliseconds)");
    }

    @Test
    void isoBefore2000() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().text("timestamp", "1999-12-31T23:59:59Z")))
          .isEqualTo("timestamp must not be before 2000-01-01T00:00:00Z, got 1999-12-31T23:59:59Z");
    }

    @Test
    void epochBeyondLong() {
      assertThat(onlyErrorOn("timestamp", JsonEvent.request().with("timestamp", "99999999999999999999")))
          .isEqualTo("timestamp is out of range, got 99999999999999999999");
    }
  }

  @Nested
  class Sizes {

    @Test
    void identifierOverTheLimit() {
      assertThat(onlyErrorOn("service", JsonEvent.request().text("service", "s".repeat(257))))
          .isEqualTo("service must be at most 256 characters, got 257");
    }

    @Test
    void identifierAtTheLimit() {
      String service = "s".repeat(256);

      assertThat(((RequestEvent) parseOne(JsonEvent.request().text("service", service))).getService())
          .isEqualTo(service);
    }

    @Test
    void messageHasItsOwnLimit() {
      String message = "m".repeat(16 * 1024);

      assertThat(((LogEvent) parseOne(JsonEvent.log().text("message", message))).getMessage()).hasSize(16 * 1024);
      assertThat(onlyErrorOn("message", JsonEvent.log().text("message", message + "m")))
          .isEqualTo("message must be at most 16384 characters, got 16385");
    }

    @Test
    void limitsAreConfigurable() {
      EventJsonParser tight = new EventJsonParser(EventLimits.defaults().withMaxIdentifierChars(4), CLOCK);

      assertThat(tight.parseBatch(JsonEvent.request().json()).errors()).extracting(FieldError::field)
          .containsExactly("service", "route");
    }

    @Test
    void tooManyAttributes() {
      EventJsonParser tight = new EventJsonParser(EventLimits.defaults().withMaxAttributes(2), CLOCK);
      String event = JsonEvent.request().with("attributes", "{\"a\":\"1\",\"b\":\"2\",\"c\":\"3\"}").json();

      assertThat(tight.parseBatch(event).errors())
          .containsExactly(new FieldError(0, "attributes", "attributes must hold at most 2 entries, got 3"));
    }

    @Test
    void attributeKeyAndValueLengths() {
      String key = "k".repeat(129);
      List<FieldError> errors = errorsOf(JsonEvent.request()
          .with("attributes", "{\"" + key + "\":\"x\",\"ok\":\"" + "v".repeat(1025) + "\"}"));

      assertThat(errors).containsExactly(
          new FieldError(0, "attributes." + "k".repeat(40) + "…", "attribute keys must be at most 128 characters, got 129"),
          new FieldError(0, "attributes.ok", "attributes.ok must be at most 1024 characters, got 1025"));
    }
  }

  @Nested
  class Attributes {

    @Test
    void mustBeAnObject() {
      assertThat(onlyErrorOn("attributes", JsonEvent.request().with("attributes", "[\"a\"]")))
          .isEqualTo("attributes must be an object of strings, got an array");
    }

    @Test
    void everyNonStringValueIsNamed() {
      List<FieldError> errors =
          errorsOf(JsonEvent.request().with("attributes", "{\"a\":\"ok\",\"retries\":3,\"tags\":[]}"));

      assertThat(errors).containsExactly(
          new FieldError(0, "attributes.retries", "attributes.retries must be a string, got number 3"),
          new FieldError(0, "attributes.tags", "attributes.tags must be a string, got an array"));
    }
  }

  @Nested
  class UnknownFields {

    @Test
    void typoSuggestsTheRealFieldAndAttributes() {
      assertThat(errorsOf(JsonEvent.request().without("durationMs").with("durationMS", "12")))
          .containsExactly(
              new FieldError(0, "durationMs", "durationMs is required"),
              new FieldError(0, "durationMS",
                  "unknown field durationMS (did you mean durationMs?); put custom data in attributes"));
    }

    @Test
    void unknownFieldWithoutAnyLookAlike() {
      assertThat(onlyErrorOn("region", JsonEvent.log().text("region", "eu")))
          .isEqualTo("unknown field region; put custom data in attributes");
    }

    @Test
    void costEventsHaveNoAttributes() {
      assertThat(onlyErrorOn("attributes", JsonEvent.cost().with("attributes", "{}")))
          .isEqualTo("unknown field attributes; this event type has no attributes");
    }

    @Test
    void fieldsOfAnotherEventTypeAreUnknown() {
      assertThat(onlyErrorOn("level", JsonEvent.request().text("level", "info"))).startsWith("unknown field level;");
    }
  }

  @Nested
  class CostUsd {

    @Test
    void moreThanNineDecimalPlacesIsRejectedNotRounded() {
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().with("costUsd", "0.0000000001")))
          .isEqualTo("costUsd must have at most 9 decimal places, got 0.0000000001");
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().text("costUsd", "1.2345678901")))
          .isEqualTo("costUsd must have at most 9 decimal places, got 1.2345678901");
    }

    @Test
    void negative() {
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().with("costUsd", "-0.5"))).isEqualTo("costUsd must be >= 0, got -0.5");
    }

    @Test
    void hugeExponentsDoNotExpandInMessages() {
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().text("costUsd", "-1e999999999")))
          .isEqualTo("costUsd must be >= 0, got -1E+999999999");
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().text("costUsd", "1e-999999999")))
          .isEqualTo("costUsd must have at most 9 decimal places, got 1E-999999999");
    }

    @Test
    void aCostAboveTheMaximumPerEventIsRefused() {
      assertThat(((CostEvent) parseOne(JsonEvent.cost().with("costUsd", "10000"))).getCostUsd())
          .isEqualTo(new BigDecimal("10000.000000000"));
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().with("costUsd", "10000.000000001")))
          .isEqualTo("costUsd must be at most 10000 per event, got 10000.000000001");
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().text("costUsd", "1e999999999")))
          .isEqualTo("costUsd must be at most 10000 per event, got 1E+999999999");
    }

    @Test
    void maxCostIsConfigurableUpToWhatTheSchemaHolds() {
      EventJsonParser generous = new EventJsonParser(
          EventLimits.defaults().withMaxCostUsd(EventLimits.COST_USD_CAPACITY), CLOCK);

      assertThat(generous.parseBatch(JsonEvent.cost().with("costUsd", "99999999999.999999999").json()).events())
          .singleElement().extracting(e -> ((CostEvent) e).getCostUsd())
          .isEqualTo(new BigDecimal("99999999999.999999999"));
      assertThatThrownBy(() -> EventLimits.defaults().withMaxCostUsd(new BigDecimal("100000000000")))
          .hasMessage("maxCostUsd must be > 0 and at most 99999999999.999999999 (what costUsd can hold), "
              + "got 100000000000");
    }

    @Test
    void notADecimalString() {
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().text("costUsd", "$0.10")))
          .isEqualTo("costUsd must be a decimal number, got string \"$0.10\"");
    }

    @Test
    void booleanIsATypeError() {
      assertThat(onlyErrorOn("costUsd", JsonEvent.cost().with("costUsd", "true")))
          .isEqualTo("costUsd must be a number or a decimal string, got boolean true");
    }
  }

  @Test
  void allErrorsOfOneItemAreCollectedInFieldOrder() {
    List<FieldError> errors = errorsOf("""
        {"type":"request","service":"","status":700,"durationMs":-3,"timestamp":"yesterday","durationMS":1}""");

    assertThat(errors).extracting(FieldError::field)
        .containsExactly("service", "route", "status", "durationMs", "timestamp", "durationMS");
    assertThat(errors).extracting(FieldError::index).containsOnly(0);
  }

  @Test
  void eventsOrThrowCarriesEveryError() {
    ParseResult result = parser.parseBatch(JsonEvent.request().with("durationMs", "-3").with("status", "7").json());

    assertThatThrownBy(result::eventsOrThrow).isInstanceOfSatisfying(InvalidEventsException.class, e -> {
      assertThat(e.errors()).extracting(FieldError::field).containsExactly("status", "durationMs");
      assertThat(e.getMessage()).isEqualTo("2 invalid fields: [0] status: status must be between 100 and 599, "
          + "got 7; [0] durationMs: durationMs must be >= 0, got -3.0");
    });
  }

  @Test
  void parseOneNodeReportsItsIndex() throws Exception {
    var node = JsonItems.MAPPER.readTree(JsonEvent.request().with("durationMs", "-1").json());

    assertThat(parser.parse(node, 7).errors())
        .containsExactly(new FieldError(7, "durationMs", "durationMs must be >= 0, got -1.0"));
  }

  @Test
  void parseOneValidNode() throws Exception {
    var node = JsonItems.MAPPER.readTree(JsonEvent.log().json());

    assertThat(parser.parse(node, 3).events()).singleElement().isInstanceOf(LogEvent.class);
  }
}

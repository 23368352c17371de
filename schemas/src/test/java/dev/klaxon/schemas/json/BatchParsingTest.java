package dev.klaxon.schemas.json;

import static dev.klaxon.schemas.json.JsonEvent.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.validation.EventLimits;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchParsingTest {

  private final EventJsonParser parser = new EventJsonParser(EventLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

  private final String request = JsonEvent.request().json();
  private final String log = JsonEvent.log().json();
  private final String cost = JsonEvent.cost().json();

  @Test
  void singleObject() {
    assertThat(parser.parseBatch(request).eventsOrThrow()).singleElement().isInstanceOf(RequestEvent.class);
  }

  @Test
  void arrayKeepsOrder() {
    ParseResult result = parser.parseBatch("[" + request + "," + log + "," + cost + "]");

    assertThat(result.eventsOrThrow()).hasExactlyElementsOfTypes(RequestEvent.class, LogEvent.class, CostEvent.class);
  }

  @Test
  void ndjsonWithBlankLinesAndCrLf() {
    ParseResult result = parser.parseBatch(request + "\r\n" + log + "\n\n" + cost + "\n");

    assertThat(result.eventsOrThrow()).hasExactlyElementsOfTypes(RequestEvent.class, LogEvent.class, CostEvent.class);
  }

  @Test
  void utf8Bytes() {
    String body = JsonEvent.log().text("message", "délai dépassé ⏱").json();

    List<?> events = parser.parseBatch(body.getBytes(StandardCharsets.UTF_8)).eventsOrThrow();

    assertThat(((LogEvent) events.get(0)).getMessage()).isEqualTo("délai dépassé ⏱");
  }

  @Test
  void errorsOfEveryItemAreCollectedWithTheirIndexes() {
    String body = String.join("\n",
        request,
        JsonEvent.request().with("durationMs", "-3").with("status", "42").json(),
        log,
        JsonEvent.log().text("level", "loud").without("message").json(),
        JsonEvent.cost().with("costUsd", "-1").json());

    ParseResult result = parser.parseBatch(body);

    assertThat(result.events()).as("all or nothing").isEmpty();
    assertThat(result.errors()).extracting(FieldError::index, FieldError::field).containsExactly(
        tuple(1, "status"),
        tuple(1, "durationMs"),
        tuple(3, "level"),
        tuple(3, "message"),
        tuple(4, "costUsd"));
  }

  @Test
  void oneAbsurdValueRefusesTheWholeBatchNamingItsIndexAndField() {
    String body = "[" + request + "," + cost + ","
        + JsonEvent.request().with("durationMs", "1e300").json() + ","
        + JsonEvent.cost().with("costUsd", "250000").json() + "]";

    ParseResult result = parser.parseBatch(body);

    assertThat(result.events()).as("all or nothing").isEmpty();
    assertThat(result.errors()).containsExactly(
        new FieldError(2, "durationMs", "durationMs must be at most 1d, got 1.0E300"),
        new FieldError(3, "costUsd", "costUsd must be at most 10000 per event, got 250000"));
  }

  @Test
  void arrayItemsAreIndexedToo() {
    ParseResult result = parser.parseBatch("[" + request + "," + request + ",\"oops\"]");

    assertThat(result.errors())
        .containsExactly(new FieldError(2, null, "each event must be a JSON object, got string \"oops\""));
  }

  @Test
  void malformedJsonGivesOneClearErrorAtTheBrokenItem() {
    String body = request + "\n" + JsonEvent.request().with("durationMs", "-3").json() + "\n{\"type\":\"log\",";

    ParseResult result = parser.parseBatch(body);

    assertThat(result.errors()).singleElement().satisfies(error -> {
      assertThat(error.index()).isEqualTo(2);
      assertThat(error.field()).isNull();
      assertThat(error.message()).startsWith("malformed JSON at line 3, column ");
    });
  }

  @Test
  void malformedJsonInsideAnArray() {
    ParseResult result = parser.parseBatch("[" + request + ", {\"type\": request}]");

    assertThat(result.errors()).singleElement().satisfies(error -> {
      assertThat(error.index()).isEqualTo(1);
      assertThat(error.message()).startsWith("malformed JSON at line 1, column ").contains("Unrecognized token 'request'");
    });
  }

  @Test
  void duplicateKeysAreMalformed() {
    ParseResult result = parser.parseBatch("{\"type\":\"request\",\"status\":200,\"status\":500}");

    assertThat(result.errors()).singleElement().satisfies(error ->
        assertThat(error.message()).contains("Duplicate field 'status'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  \n ", "[]"})
  void emptyBodiesHoldNoEvents(String body) {
    assertThat(parser.parseBatch(body).errors()).singleElement().satisfies(error -> {
      assertThat(error.index()).isZero();
      assertThat(error.message()).startsWith("no events");
    });
  }

  @Test
  void contentAfterAnArrayIsRejected() {
    assertThat(parser.parseBatch("[" + request + "]\n" + request).errors()).singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("unexpected content after the JSON array"));
  }

  @Test
  void batchSizeIsBounded() {
    EventJsonParser small = new EventJsonParser(EventLimits.defaults().withMaxBatchEvents(2), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(small.parseBatch(request + request).isValid()).isTrue();
    assertThat(small.parseBatch(request + request + request).errors())
        .containsExactly(new FieldError(2, null, "too many events: at most 2 per batch"));
    assertThat(small.parseBatch("[" + request + "," + request + "," + request + "]").errors())
        .containsExactly(new FieldError(2, null, "too many events: at most 2 per batch"));
  }
}

package dev.klaxon.schemas.json;

import static dev.klaxon.schemas.json.JsonEvent.NOW;
import static dev.klaxon.schemas.json.JsonEvent.NOW_MS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.validation.EventLimits;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordJsonTest {

  // The largest cost the schema holds must round-trip digit for digit, so the bound is lifted to it.
  private final EventJsonParser parser = new EventJsonParser(
      EventLimits.defaults().withMaxCostUsd(EventLimits.COST_USD_CAPACITY), Clock.fixed(NOW, ZoneOffset.UTC));

  static RequestEvent fullRequest() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("region", "eu-west-1");
    attributes.put("quote", "say \"hi\"\n");
    return RequestEvent.newBuilder().setService("checkout").setRoute("POST /orders/{id}").setMethod("POST")
        .setStatus(503).setDurationMs(2500.25).setTimestamp(NOW_MS - 1).setUserId("u1").setRequestId("r1")
        .setEnvironment("production").setAttributes(attributes).build();
  }

  static Stream<SpecificRecord> events() {
    return Stream.of(
        fullRequest(),
        RequestEvent.newBuilder().setService("s").setRoute("r").setStatus(100).setDurationMs(0)
            .setTimestamp(NOW_MS).build(),
        LogEvent.newBuilder().setService("llm").setLevel(LogLevel.fatal).setMessage("Ωmega ✓ \t tab")
            .setTimestamp(NOW_MS).setLogger("openai").setErrorType("Timeout").setRequestId("r").setUserId("u")
            .setAttributes(Map.of("model", "gpt")).build(),
        CostEvent.newBuilder().setService("llm").setUserId("u").setProvider("openai").setOperation("chat")
            .setCostUsd(new BigDecimal("0.000000001")).setUnits(1532.0).setUnitType("tokens")
            .setTimestamp(NOW_MS).setRequestId("r").build(),
        CostEvent.newBuilder().setService("s").setUserId("u").setProvider("p")
            .setCostUsd(new BigDecimal("99999999999.999999999")).setTimestamp(NOW_MS).build());
  }

  @ParameterizedTest
  @MethodSource("events")
  void parseRenderParseRoundTrips(SpecificRecord event) {
    String json = RecordJson.toJson(event);

    assertThat(json).doesNotContain("\n");
    assertThat(parser.parseBatch(json).eventsOrThrow()).containsExactly(event);
  }

  @Test
  void renderedEventsStartWithTheirType() {
    assertThat(RecordJson.toJson(fullRequest())).startsWith("{\"type\":\"request\",\"service\":\"checkout\",");
  }

  @Test
  void requestEventFieldsAndNulls() throws Exception {
    RequestEvent event = RequestEvent.newBuilder().setService("s").setRoute("r").setStatus(200)
        .setDurationMs(12.5).setTimestamp(NOW_MS).build();

    assertThat(RecordJson.toJson(event)).isEqualTo("{\"type\":\"request\",\"service\":\"s\",\"route\":\"r\","
        + "\"method\":null,\"status\":200,\"durationMs\":12.5,\"timestamp\":" + NOW_MS + ",\"userId\":null,"
        + "\"requestId\":null,\"environment\":null,\"attributes\":{}}");
  }

  @Test
  void requestWindowWithBase64Histogram() throws Exception {
    byte[] histogram = {0x1c, (byte) 0x84, (byte) 0x93, 0x14, 0x00, (byte) 0xff};
    ByteBuffer buffer = ByteBuffer.wrap(histogram);
    RequestWindow window = RequestWindow.newBuilder().setService("checkout").setRoute("*")
        .setWindowStart(NOW_MS).setWindowEnd(NOW_MS + 60_000).setCount(1000).setErrors5xx(12).setErrors4xx(30)
        .setErrorRate(0.012).setP50(120.5).setP95(980).setP99(2400).setMax(5012.75).setMean(150.25)
        .setHistogram(buffer).build();

    String json = RecordJson.toJson(window);

    assertThat(json).isEqualTo("{\"service\":\"checkout\",\"route\":\"*\",\"windowStart\":" + NOW_MS
        + ",\"windowEnd\":" + (NOW_MS + 60_000) + ",\"count\":1000,\"errors5xx\":12,\"errors4xx\":30,"
        + "\"errorRate\":0.012,\"p50\":120.5,\"p95\":980.0,\"p99\":2400.0,\"max\":5012.75,\"mean\":150.25,"
        + "\"histogram\":\"HISTFAD/\",\"environment\":null,\"authFailures\":0}");
    assertThat(JsonItems.MAPPER.readTree(json).get("histogram").binaryValue()).isEqualTo(histogram);
    assertThat(buffer.position()).as("the record's buffer is not consumed").isZero();
    assertThat(RecordJson.toJson(window)).as("rendering twice gives the same bytes").isEqualTo(json);
  }

  @Test
  void histogramSliceOfALargerBuffer() throws Exception {
    ByteBuffer slice = ByteBuffer.wrap(new byte[] {9, 9, 1, 2, 3, 9}, 2, 3).slice();
    RequestWindow window = RequestWindow.newBuilder().setService("s").setRoute("r").setWindowStart(0)
        .setWindowEnd(1).setCount(0).setErrors5xx(0).setErrors4xx(0).setErrorRate(Double.NaN).setP50(0)
        .setP95(0).setP99(0).setMax(0).setMean(0).setHistogram(slice).build();

    JsonNode json = JsonItems.MAPPER.readTree(RecordJson.toJson(window));

    assertThat(json.get("histogram").binaryValue()).containsExactly(1, 2, 3);
    assertThat(json.get("errorRate").textValue()).as("NaN is not a JSON number").isEqualTo("NaN");
  }

  @Test
  void alertWithEnumsMapsAndNullEnd() throws Exception {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", "HighP95Latency");
    labels.put("service", "checkout");
    Alert alert = Alert.newBuilder().setFingerprint("a1b2").setRule("HighP95Latency")
        .setSeverity(Severity.critical).setStatus(AlertStatus.firing).setLabels(labels)
        .setAnnotations(Map.of("summary", "p95 2500ms on checkout")).setValue(2500).setThreshold(2000)
        .setStartsAt(NOW_MS).build();

    assertThat(RecordJson.toJson(alert)).isEqualTo("{\"fingerprint\":\"a1b2\",\"rule\":\"HighP95Latency\","
        + "\"severity\":\"critical\",\"status\":\"firing\","
        + "\"labels\":{\"alertname\":\"HighP95Latency\",\"service\":\"checkout\"},"
        + "\"annotations\":{\"summary\":\"p95 2500ms on checkout\"},\"value\":2500.0,\"threshold\":2000.0,"
        + "\"startsAt\":" + NOW_MS + ",\"endsAt\":null}");

    alert.setStatus(AlertStatus.resolved);
    alert.setEndsAt(NOW_MS + 5);
    JsonNode resolved = JsonItems.MAPPER.readTree(RecordJson.toJson(alert));
    assertThat(resolved.get("status").textValue()).isEqualTo("resolved");
    assertThat(resolved.get("endsAt").longValue()).isEqualTo(NOW_MS + 5);
  }

  @Test
  void decimalsArePlainExactNumbers() throws Exception {
    SpendWindow spend = SpendWindow.newBuilder().setUserId("u").setProvider("*").setGranularity("day")
        .setWindowStart(0).setWindowEnd(1).setCostUsd(new BigDecimal("12345678901.234567891")).setEvents(3).build();
    SpendWindow zero = SpendWindow.newBuilder(spend).setCostUsd(new BigDecimal("0E-9")).build();
    SpendWindow tiny = SpendWindow.newBuilder(spend).setCostUsd(new BigDecimal("0.000000120")).build();

    assertThat(RecordJson.toJson(spend)).contains("\"costUsd\":12345678901.234567891,");
    assertThat(JsonItems.MAPPER.readTree(RecordJson.toJson(spend)).get("costUsd").decimalValue())
        .isEqualTo(new BigDecimal("12345678901.234567891"));
    assertThat(RecordJson.toJson(zero)).contains("\"costUsd\":0,");
    assertThat(RecordJson.toJson(tiny)).contains("\"costUsd\":0.00000012,");
  }

  @Test
  void genericRecordsWithRawDecimalBytesRenderToo() {
    CostEvent cost = (CostEvent) events().filter(CostEvent.class::isInstance).findFirst().orElseThrow();
    GenericData.Record generic = new GenericData.Record(CostEvent.getClassSchema());
    for (var field : CostEvent.getClassSchema().getFields()) {
      generic.put(field.pos(), cost.get(field.pos()));
    }
    generic.put("costUsd", new org.apache.avro.Conversions.DecimalConversion().toBytes(
        cost.getCostUsd(), null, CostEvent.getClassSchema().getField("costUsd").schema().getLogicalType()));

    assertThat(RecordJson.toJson(generic)).isEqualTo(RecordJson.toJson(cost)).contains("\"costUsd\":0.000000001,");
  }
}

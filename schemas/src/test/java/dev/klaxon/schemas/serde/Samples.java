package dev.klaxon.schemas.serde;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.AlertStatus;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of every Klaxon type, optional fields set, for round trips. */
final class Samples {

  private Samples() {}

  static RequestEvent request() {
    return RequestEvent.newBuilder().setService("checkout-api").setRoute("GET /users/{id}")
        .setMethod("GET").setStatus(503).setDurationMs(2512.5).setTimestamp(1_767_225_600_000L)
        .setUserId("u-42").setRequestId("r-1").setEnvironment("production")
        .setAttributes(Map.of("region", "eu-west-1")).build();
  }

  static List<SpecificRecord> all() {
    return List.of(
        request(),
        LogEvent.newBuilder().setService("llm-gateway").setLevel(LogLevel.error)
            .setMessage("provider timeout: é ✓").setTimestamp(1_767_225_600_001L).setLogger("openai")
            .setErrorType("ProviderTimeout").setRequestId("r-1").setUserId("u-42")
            .setAttributes(Map.of()).build(),
        CostEvent.newBuilder().setService("llm-gateway").setUserId("u-42").setProvider("openai")
            .setOperation("chat.completions").setCostUsd(new BigDecimal("0.012345678"))
            .setUnits(1532.0).setUnitType("tokens").setTimestamp(1_767_225_600_002L)
            .setRequestId("r-1").build(),
        RequestWindow.newBuilder().setService("checkout-api").setRoute("*")
            .setWindowStart(1_767_225_600_000L).setWindowEnd(1_767_225_660_000L).setCount(1000)
            .setErrors5xx(12).setErrors4xx(30).setErrorRate(0.012).setP50(120).setP95(980)
            .setP99(2400).setMax(5100).setMean(210.5)
            .setHistogram(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFF})).build(),
        LogWindow.newBuilder().setService("llm-gateway").setLevel(LogLevel.fatal)
            .setWindowStart(1_767_225_600_000L).setWindowEnd(1_767_225_660_000L).setCount(7).build(),
        SpendWindow.newBuilder().setUserId("u-42").setProvider("*").setGranularity("hour")
            .setWindowStart(1_767_225_600_000L).setWindowEnd(1_767_229_200_000L)
            .setCostUsd(new BigDecimal("12.500000000")).setEvents(311).build(),
        Alert.newBuilder().setFingerprint("f00d").setRule("HighP95Latency")
            .setSeverity(Severity.critical).setStatus(AlertStatus.firing)
            .setLabels(Map.of("service", "checkout-api")).setAnnotations(Map.of("summary", "p95 2.5s"))
            .setValue(2500).setThreshold(2000).setStartsAt(1_767_225_600_000L).setEndsAt(null).build());
  }
}

package dev.klaxon.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingTest {

  private final PrintStream stderr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final Logger log = LoggerFactory.getLogger("dev.klaxon.gateway.Test");

  @AfterEach
  void restore() {
    System.setErr(stderr);
    Logging.configure(LogFormat.TEXT);
  }

  @Test
  void jsonLinesCarryTimestampLevelLoggerMessageAndTheRequestContext() throws Exception {
    configureCapturing(LogFormat.JSON);

    try (MDC.MDCCloseable id = MDC.putCloseable(LogContext.REQUEST_ID, "req-42");
        MDC.MDCCloseable service = MDC.putCloseable(LogContext.SERVICE, "checkout")) {
      log.warn("Kafka refused a batch of {} events", 3);
    }

    String[] lines = output().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode line = new ObjectMapper().readTree(lines[0]);
    assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
    assertThat(line.path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("logger").asText()).isEqualTo("dev.klaxon.gateway.Test");
    assertThat(line.path("message").asText()).isEqualTo("Kafka refused a batch of 3 events");
    assertThat(line.path("requestId").asText()).isEqualTo("req-42");
    assertThat(line.path("service").asText()).isEqualTo("checkout");
    assertThat(line.has("thread_name")).as("noise left out").isFalse();
  }

  @Test
  void textLinesAreForPeopleAndLibrariesOnlySpeakFromWarn() {
    configureCapturing(LogFormat.TEXT);

    log.info("listening on port {}", 8080);
    LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").info("internal chatter");

    assertThat(output()).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  Test - listening on port 8080\n");
  }

  private void configureCapturing(LogFormat format) {
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Logging.configure(format);
  }

  private String output() {
    return captured.toString(StandardCharsets.UTF_8);
  }
}

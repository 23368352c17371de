package dev.klaxon.processor;

import static dev.klaxon.processor.TopologyFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.LogWindow;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogMetricsTopologyTest {

  private final TopologyFixture fixture = new TopologyFixture(TopologyFixture.oneMinuteWindows());

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void countsLogLinesPerServiceAndLevelPerWindow() {
    for (int i = 0; i < 7; i++) {
      fixture.log("llm-gateway", LogLevel.error, at(i + "S"));
    }
    fixture.log("llm-gateway", LogLevel.fatal, at("10S"));
    fixture.log("llm-gateway", LogLevel.info, at("11S"));
    fixture.log("llm-gateway", LogLevel.info, at("12S"));
    fixture.log("search", LogLevel.error, at("13S"));
    fixture.log("search", LogLevel.error, at("61S")); // next window
    fixture.log("search", LogLevel.info, at("70S")); // closes [0, 60)

    Map<String, Long> counts = fixture.logWindows.readValuesToList().stream()
        .collect(Collectors.toMap(w -> w.getService() + " " + w.getLevel(), LogWindow::getCount));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(
        "llm-gateway error", 7L, "llm-gateway fatal", 1L, "llm-gateway info", 2L, "search error", 1L));
  }

  @Test
  void logLinesWithAnEnvironmentAreCountedPerEnvironment() {
    fixture.log("search", LogLevel.error, at("1S"), "production");
    fixture.log("search", LogLevel.error, at("2S"), "production");
    fixture.log("search", LogLevel.error, at("3S"));
    fixture.log("search", LogLevel.info, at("70S"));

    Map<String, LogWindow> byKey = fixture.logWindows.readKeyValuesToList().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value));
    assertThat(byKey).containsOnlyKeys("search|error|2026-11-23T10:00:00Z/PT1M",
        "search|error|2026-11-23T10:00:00Z/PT1M|environment=production");
    LogWindow production = byKey.get("search|error|2026-11-23T10:00:00Z/PT1M|environment=production");
    assertThat(production.getCount()).isEqualTo(2);
    assertThat(production.getEnvironment()).isEqualTo("production");
    assertThat(production.getLevel()).isEqualTo(LogLevel.error);
    assertThat(byKey.get("search|error|2026-11-23T10:00:00Z/PT1M").getEnvironment()).isNull();
  }

  @Test
  void logWindowsCarryTheirBoundsAndKeys() {
    fixture.log("search", LogLevel.warn, at("61S"));
    fixture.log("search", LogLevel.warn, at("131S"));

    var record = fixture.logWindows.readKeyValuesToList().get(0);
    assertThat(record.key).isEqualTo("search|warn|2026-11-23T10:01:00Z/PT1M");
    assertThat(record.value.getWindowStart()).isEqualTo(at("60S"));
    assertThat(record.value.getWindowEnd()).isEqualTo(at("120S"));
  }
}

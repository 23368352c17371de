package dev.klaxon.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.validation.EventLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorConfigFileTest {

  @TempDir Path dir;

  @Test
  void readsEveryKeyWithHumanDurations() throws Exception {
    Path file = write("""
        bootstrapServers: kafka:9092
        schemaRegistryUrl: http://registry:8081
        topicPrefix: prod.klaxon.
        windows: [1m, 5m]
        grace: 15s
        commitInterval: 500ms
        httpPort: 9000
        maxDuration: 2d
        maxCostUsd: 50000.5
        kafka:
          security.protocol: SASL_SSL
        """);

    ProcessorConfigFile config = ProcessorConfigFile.load(file);

    assertThat(config.metricsConfig().windowSizes()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
    assertThat(config.metricsConfig().grace()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.metricsConfig().idleClose()).as("defaults to grace").isEqualTo(Duration.ofSeconds(15));
    assertThat(config.metricsConfig().topics().requests()).isEqualTo("prod.klaxon.requests");
    assertThat(config.settings().commitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.settings().schemaRegistryUrl()).contains("http://registry:8081");
    assertThat(config.settings().kafka()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.metricsConfig().eventLimits().maxDuration()).isEqualTo(Duration.ofDays(2));
    assertThat(config.metricsConfig().eventLimits().maxCostUsd()).isEqualByComparingTo("50000.5");
  }

  @Test
  void anEmptyFileMeansTheDesignDefaults() throws Exception {
    ProcessorConfigFile config = ProcessorConfigFile.load(write(""));

    assertThat(config.metricsConfig().windowSizes()).isEqualTo(List.of(Duration.ofMinutes(1)));
    assertThat(config.metricsConfig().grace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.settings().applicationId()).isEqualTo("klaxon-metrics");
    assertThat(config.metricsConfig().eventLimits()).isEqualTo(EventLimits.defaults());
  }

  @Test
  void unknownKeysAreRefusedByName() throws Exception {
    Path file = write("grace: 10s\nwindowz: [1m]\n");

    assertThatThrownBy(() -> ProcessorConfigFile.load(file))
        .hasMessageContaining("unknown key 'windowz'").hasMessageContaining("windows");
  }

  @Test
  void badDurationsAreRefusedWithTheValue() throws Exception {
    Path file = write("grace: ten seconds\n");

    assertThatThrownBy(() -> ProcessorConfigFile.load(file)).hasMessageContaining("ten seconds");
  }

  private Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("klaxon.yaml"), yaml);
  }
}

package dev.klaxon.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessorSectionTest {

  private static final KafkaCluster CLUSTER = new KafkaCluster("kafka:9092", Optional.of("http://registry:8081"),
      new Topics("prod.klaxon."), Map.of("security.protocol", "SASL_SSL", "linger.ms", "5"));

  @Test
  void readsEveryKeyWithHumanDurations() {
    ProcessorSection section = ProcessorSection.from(YamlConfig.parse("""
        applicationId: metrics-eu
        stateDir: /var/lib/klaxon
        windows: [1m, 5m]
        grace: 15s
        commitInterval: 500ms
        threads: 2
        httpPort: 9000
        kafka:
          linger.ms: 20
        """, "test"));

    MetricsConfig metrics = section.metricsConfig(CLUSTER.topics());
    assertThat(metrics.windowSizes()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5));
    assertThat(metrics.grace()).isEqualTo(Duration.ofSeconds(15));
    assertThat(metrics.idleClose()).as("defaults to grace").isEqualTo(Duration.ofSeconds(15));
    assertThat(metrics.topics().requests()).isEqualTo("prod.klaxon.requests");
    ProcessorSettings settings = section.settings(CLUSTER);
    assertThat(settings.applicationId()).isEqualTo("metrics-eu");
    assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/klaxon"));
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.threads()).isEqualTo(2);
    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.schemaRegistryUrl()).contains("http://registry:8081");
    assertThat(settings.kafka()).as("shared properties, the role's own over them")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("linger.ms", "20")
        .containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void noSectionMeansTheDesignDefaults() {
    ProcessorSection section = ProcessorSection.from(null);

    MetricsConfig metrics = section.metricsConfig(Topics.defaults());
    assertThat(metrics.windowSizes()).isEqualTo(List.of(Duration.ofMinutes(1)));
    assertThat(metrics.grace()).isEqualTo(Duration.ofSeconds(10));
    ProcessorSettings settings = section.settings(CLUSTER);
    assertThat(settings.applicationId()).isEqualTo("klaxon-metrics");
    assertThat(settings.httpPort()).isEqualTo(ProcessorSection.DEFAULT_HTTP_PORT);
    assertThat(settings.stateDir()).isEqualTo(Path.of(".klaxon/state"));
  }

  @Test
  void unknownKeysAreRefusedByTheirFullPath() {
    assertThatThrownBy(() -> ProcessorSection.from(YamlConfig.parse("grace: 10s\nwindowz: [1m]\n", "test")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'processor.windowz'").hasMessageContaining("windows");
  }

  @Test
  void badValuesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> ProcessorSection.from(YamlConfig.parse("grace: ten seconds\n", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processor.grace").hasMessageContaining("ten seconds");
    assertThatThrownBy(() -> ProcessorSection.from(YamlConfig.parse("windows: [500ms]\n", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processor.windows").hasMessageContaining("1 second");
    assertThatThrownBy(() -> ProcessorSection.from(YamlConfig.parse("threads: many\n", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processor.threads");
  }
}

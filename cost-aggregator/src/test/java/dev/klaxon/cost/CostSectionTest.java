package dev.klaxon.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostSectionTest {

  private static final KafkaCluster CLUSTER = new KafkaCluster("kafka:9092", Optional.of("http://registry:8081"),
      new Topics("prod.klaxon."), Map.of("security.protocol", "SASL_SSL", "linger.ms", "5"));

  @Test
  void readsEveryKeyWithHumanDurations() {
    CostSection section = CostSection.from(YamlConfig.parse("""
        applicationId: cost-eu
        stateDir: /var/lib/klaxon
        granularities: [day, month]
        grace: 30s
        commitInterval: 500ms
        threads: 2
        httpPort: 9000
        advertisedHost: cost-1.internal
        kafka:
          linger.ms: 20
        """, "test"));

    SpendConfig spend = section.spendConfig(CLUSTER.topics(), EventLimits.defaults());
    assertThat(spend.granularities()).containsExactly(Granularity.DAY, Granularity.MONTH);
    assertThat(spend.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spend.topics().costs()).isEqualTo("prod.klaxon.costs");
    CostSettings settings = section.settings(CLUSTER);
    assertThat(settings.applicationId()).isEqualTo("cost-eu");
    assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/klaxon"));
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.threads()).isEqualTo(2);
    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.advertisedHost()).isEqualTo("cost-1.internal");
    assertThat(settings.schemaRegistryUrl()).contains("http://registry:8081");
    assertThat(settings.kafka()).as("shared properties, the role's own over them")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("linger.ms", "20")
        .containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void noSectionMeansEveryGranularityOnPort9468AdvertisedByThisHostsName() {
    CostSection section = CostSection.from(null);

    SpendConfig spend = section.spendConfig(Topics.defaults(), EventLimits.defaults());
    assertThat(spend.granularities()).containsExactly(Granularity.values());
    assertThat(spend.grace()).isEqualTo(Duration.ofSeconds(10));
    CostSettings settings = section.settings(CLUSTER);
    assertThat(settings.applicationId()).isEqualTo("klaxon-cost");
    assertThat(settings.httpPort()).isEqualTo(9468);
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.threads()).isEqualTo(1);
    assertThat(settings.advertisedHost()).isNotBlank();
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItsFullPathAndTheKnownOnes() {
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("granularity: [day]", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown config key 'cost.granularity'")
        .hasMessageContaining("granularities").hasMessageContaining("advertisedHost");
  }

  @Test
  void badValuesAreRefusedByKey() {
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("granularities: [day, week]", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.granularities: unknown 'week'")
        .hasMessageContaining("minute, hour, day, month");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("granularities: []", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.granularities");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("granularities: [day, day]", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'day' is listed twice");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("grace: -1s", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.grace");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("commitInterval: 0s", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.commitInterval");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("applicationId: 'a b'", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.applicationId");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("advertisedHost: 'h:9468'", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.advertisedHost");
    assertThatThrownBy(() -> CostSection.from(YamlConfig.parse("kafka: {linger.ms: [1]}", "test")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cost.kafka");
  }
}

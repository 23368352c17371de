package dev.klaxon.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesSectionTest {

  private static final KafkaCluster CLUSTER = new KafkaCluster("kafka:9092", Optional.empty(),
      new Topics("prod.klaxon."), Map.of("security.protocol", "SASL_SSL", "linger.ms", "5"));

  @TempDir Path dir;

  @Test
  void readsEveryKeyAndFindsTheRulesFileNextToKlaxonYaml() throws Exception {
    Files.writeString(dir.resolve("my-rules.yaml"), """
        rules:
          - {name: Slow, metric: requests.p95, critical: 2000, summary: "{{service}} slow"}
        """);
    RulesSection section = RulesSection.from(YamlConfig.parse("""
        file: my-rules.yaml
        applicationId: rules-eu
        stateDir: /var/lib/klaxon
        commitInterval: 50ms
        absentLookback: 6h
        httpPort: 9000
        kafka: {linger.ms: 0}
        """, "test"), dir);

    assertThat(section.ruleSet().rules()).extracting(Rule::name).containsExactly("Slow");
    EvaluatorConfig config = section.evaluatorConfig(CLUSTER.topics(), Duration.ofMinutes(5));
    assertThat(config.windowSize()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.absentLookback()).isEqualTo(Duration.ofHours(6));
    assertThat(config.topics().alerts()).isEqualTo("prod.klaxon.alerts");
    EvaluatorSettings settings = section.settings(CLUSTER);
    assertThat(settings.applicationId()).isEqualTo("rules-eu");
    assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/klaxon"));
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.kafka()).containsEntry("security.protocol", "SASL_SSL").containsEntry("linger.ms", "0")
        .containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void noSectionMeansTheShippedRulesOnPort9467WithA100msCommitInterval() {
    RulesSection section = RulesSection.from(null, dir);

    assertThat(section.ruleSet()).isEqualTo(RuleSet.defaults());
    EvaluatorSettings settings = section.settings(CLUSTER);
    assertThat(settings.applicationId()).isEqualTo("klaxon-rules");
    assertThat(settings.httpPort()).isEqualTo(9467);
    assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(section.evaluatorConfig(Topics.defaults(), Duration.ofMinutes(1)).absentLookback())
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> RulesSection.from(YamlConfig.parse("fiel: x.yaml", "test"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rules.fiel").hasMessageContaining("file");
  }

  @Test
  void aMissingRulesFileOrABadApplicationIdIsRefusedByKey() {
    assertThatThrownBy(() -> RulesSection.from(YamlConfig.parse("file: nope.yaml", "test"), dir).ruleSet())
        .isInstanceOf(ConfigException.class).hasMessageContaining("rules.file").hasMessageContaining("nope.yaml");
    assertThatThrownBy(() -> RulesSection.from(YamlConfig.parse("applicationId: 'a b'", "test"), dir))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rules.applicationId");
  }
}

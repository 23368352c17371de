package dev.klaxon.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSectionTest {

  private static final KafkaCluster CLUSTER = new KafkaCluster("kafka:9093", Optional.empty(), new Topics("prod."),
      Map.of("security.protocol", "SASL_SSL"));

  @TempDir Path dir;

  @Test
  void everyClientGetsTheSharedKafkaPropertiesAndTheSectionsOwn() {
    SinkSection section = SinkSection.from(YamlConfig.parse("groupId: alerts-eu\nhttpPort: 0\nkafka: {client.rack: eu-1}\n",
        "test"), dir);

    SinkSettings settings = section.settings(CLUSTER, Map.of());

    assertThat(settings.kafka()).containsEntry("bootstrap.servers", "kafka:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("client.rack", "eu-1");
    assertThat(settings.groupId()).isEqualTo("alerts-eu");
    assertThat(settings.topics().alerts()).isEqualTo("prod.alerts");
    assertThat(settings.httpPort()).isZero();
    assertThat(settings.apiPort()).isEqualTo(SinkSection.DEFAULT_API_PORT);
  }

  @Test
  void theRoutingFileIsFoundBesideTheConfigFileAndCheckedAtOnce() throws Exception {
    Files.writeString(dir.resolve("routing.yaml"), "route: {receiver: ops}\nreceivers: [{name: ops, log_configs: [{}]}]\n");

    SinkSection section = SinkSection.from(YamlConfig.parse("routing: routing.yaml\n", "test"), dir);

    assertThat(section.routingConfig().receiver("ops")).isPresent();
    assertThatThrownBy(() -> SinkSection.from(YamlConfig.parse("routing: nowhere.yaml\n", "test"), dir).routingConfig())
        .isInstanceOf(ConfigException.class).hasMessageContaining("sink.routing").hasMessageContaining("does not exist");
  }

  @Test
  void adminKeysComeFromTheEnvironmentOrAFileAndNeverShow() throws Exception {
    Path keys = Files.writeString(dir.resolve("keys"), "file-key-1\n\nfile-key-2\n");
    SinkSection section = SinkSection.from(YamlConfig.parse("apiKeysFile: " + keys + "\n", "test"), dir);

    SinkSettings settings = section.settings(CLUSTER, Map.of(SinkSection.API_KEYS_ENV, "env-key-1, env-key-2"));

    assertThat(settings.apiTokens()).extracting(Secret::reveal)
        .containsExactly("env-key-1", "env-key-2", "file-key-1", "file-key-2");
    assertThat(settings.apiTokens().toString()).doesNotContain("key-1");
  }

  @Test
  void unknownKeysAndBadGroupIdsAreRefusedByName() {
    assertThatThrownBy(() -> SinkSection.from(YamlConfig.parse("grupId: x\n", "test"), dir))
        .hasMessageContaining("unknown config key 'sink.grupId'");
    assertThatThrownBy(() -> SinkSection.from(YamlConfig.parse("groupId: 'a b'\n", "test"), dir))
        .hasMessageContaining("sink.groupId");
  }
}

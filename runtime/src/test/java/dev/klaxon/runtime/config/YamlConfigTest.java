package dev.klaxon.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigTest {

  record Http(String host, int port, Duration timeout) {
    Http {
      if (port < 0) {
        throw new ConfigException("http.port must be >= 0, got " + port);
      }
    }
  }

  record Section(Http http, List<Duration> windows) {}

  private static final Section DEFAULTS = new Section(new Http("0.0.0.0", 8080, Duration.ofSeconds(30)),
      List.of(Duration.ofMinutes(1)));

  @TempDir Path dir;

  @Test
  void aFileIsLaidOverTheDefaultsKeyByKey() {
    ObjectNode tree = YamlConfig.merge(YamlConfig.tree(DEFAULTS), YamlConfig.parse("""
        http:
          port: 9000
        windows: [10s, 1h30m]
        """, "test"));

    Section section = YamlConfig.bind(tree, Section.class, "gateway");

    assertThat(section.http()).isEqualTo(new Http("0.0.0.0", 9000, Duration.ofSeconds(30)));
    assertThat(section.windows()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(90));
  }

  @Test
  void unknownKeysAreErrorsNamingTheirFullPathAndTheKnownKeys() {
    ObjectNode tree = YamlConfig.merge(YamlConfig.tree(DEFAULTS), YamlConfig.parse("http:\n  prot: 9000\n", "test"));

    assertThatThrownBy(() -> YamlConfig.bind(tree, Section.class, "gateway"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown config key 'gateway.http.prot'; known here: host, port, timeout");
  }

  @Test
  void badValuesNameTheirKey() {
    ObjectNode badDuration = YamlConfig.merge(YamlConfig.tree(DEFAULTS),
        YamlConfig.parse("http:\n  timeout: soon\n", "test"));
    assertThatThrownBy(() -> YamlConfig.bind(badDuration, Section.class, "gateway"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config key 'gateway.http.timeout'").hasMessageContaining("'soon' is not a duration");

    ObjectNode badNumber = YamlConfig.merge(YamlConfig.tree(DEFAULTS), YamlConfig.parse("http:\n  port: lots\n", "test"));
    assertThatThrownBy(() -> YamlConfig.bind(badNumber, Section.class, "gateway"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("config key 'gateway.http.port'");
  }

  @Test
  void aRecordsOwnValidationIsPrefixedWithTheSection() {
    ObjectNode tree = YamlConfig.merge(YamlConfig.tree(DEFAULTS), YamlConfig.parse("http:\n  port: -1\n", "test"));

    assertThatThrownBy(() -> YamlConfig.bind(tree, Section.class, "gateway"))
        .isInstanceOf(ConfigException.class).hasMessage("gateway.http.port must be >= 0, got -1");
  }

  @Test
  void filesThatAreNotMappingsOrNotYamlAreRefusedNamingTheFile() throws Exception {
    Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "a: [1,\n");

    assertThatThrownBy(() -> YamlConfig.read(list)).hasMessage(list + " must be a YAML mapping of keys");
    assertThatThrownBy(() -> YamlConfig.read(broken)).hasMessageStartingWith(broken + " is not valid YAML");
    assertThatThrownBy(() -> YamlConfig.read(dir.resolve("missing.yaml"))).hasMessageContaining("does not exist");
    assertThat(YamlConfig.read(Files.writeString(dir.resolve("empty.yaml"), ""))).isEmpty();
  }

  @Test
  void kafkaPropertiesAreReadAsTextWhateverTheirYamlType() {
    ObjectNode tree = YamlConfig.parse("kafka:\n  linger.ms: 5\n  enable.idempotence: true\n  acks: all\n", "test");

    assertThat(YamlConfig.stringMap(tree.get("kafka"), "kafka"))
        .containsEntry("linger.ms", "5").containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
    assertThatThrownBy(() -> YamlConfig.stringMap(YamlConfig.parse("kafka:\n  sasl: {a: b}\n", "t").get("kafka"), "kafka"))
        .hasMessage("kafka.sasl must be a single value");
  }
}

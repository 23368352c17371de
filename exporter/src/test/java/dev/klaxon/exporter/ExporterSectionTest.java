package dev.klaxon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.schemas.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExporterSectionTest {

  @Test
  void defaultsExportTheProcessorsWindowOnPort9469() {
    ExporterSection section = ExporterSection.from(null);

    assertThat(section.httpPort()).isEqualTo(9469);
    ExporterConfig config = section.config(Topics.defaults(), Duration.ofMinutes(5));
    assertThat(config.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.maxSeries()).isEqualTo(10_000);
    assertThat(config.staleAfter()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void keysAreReadAndBadOnesNamed() throws Exception {
    ExporterSection section = ExporterSection.from(yaml("{window: 10s, staleAfter: 1m, maxSeries: 50, httpPort: 0}"));
    assertThat(section.config(Topics.defaults(), Duration.ofMinutes(1)).window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(section.maxSeries()).isEqualTo(50);

    assertThatThrownBy(() -> ExporterSection.from(yaml("{maxSerie: 5}"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("exporter.maxSerie");
    assertThatThrownBy(() -> ExporterSection.from(yaml("{maxSeries: 0}"))).hasMessageContaining("exporter.maxSeries");
    assertThatThrownBy(() -> ExporterSection.from(yaml("{window: 5m, staleAfter: 1m}")))
        .hasMessageContaining("exporter.staleAfter");
    assertThatThrownBy(() -> ExporterSection.from(yaml("{httpPort: 70000}"))).hasMessageContaining("exporter.httpPort");
  }

  private static JsonNode yaml(String text) throws Exception {
    return new YAMLMapper().readTree(text);
  }
}

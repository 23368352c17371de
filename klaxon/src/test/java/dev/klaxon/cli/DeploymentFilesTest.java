package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.klaxon.cost.CostSection;
import dev.klaxon.exporter.ExporterSection;
import dev.klaxon.exporter.MetricsExporter;
import dev.klaxon.processor.ProcessorSection;
import dev.klaxon.rules.RulesSection;
import dev.klaxon.sink.SinkSection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container deployment without a Docker engine (none runs on the build
 * machines): docker-compose.yml is well formed and consistent with Klaxon (roles that exist, config that
 * the roles accept, mounted files that exist, health checks on the roles' ports, secrets from the
 * environment), and Prometheus scrapes every role where it listens.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..");
  private static final Map<String, Integer> ROLE_PORTS = Map.of("gateway", 8080, "processor",
      ProcessorSection.DEFAULT_HTTP_PORT, "rules", RulesSection.DEFAULT_HTTP_PORT, "cost", CostSection.DEFAULT_HTTP_PORT,
      "sink", SinkSection.DEFAULT_HTTP_PORT, "exporter", MetricsExporter.DEFAULT_PORT);
  private final YAMLMapper yaml = new YAMLMapper();

  @Test
  void composeRunsEveryRoleOnceFromTheImageWithHealthChecksAndRestarts() throws IOException {
    JsonNode services = compose().path("services");
    List<String> roles = new ArrayList<>();
    services.fields().forEachRemaining(e -> {
      JsonNode command = e.getValue().path("command");
      if (command.size() > 1 && command.get(0).asText().equals("run")) {
        String role = command.get(1).asText();
        roles.add(role);
        assertThat(e.getKey()).as("service name = role").isEqualTo(role);
        assertThat(Arrays.stream(Role.values()).map(Role::toString)).contains(role);
        assertThat(e.getValue().path("image").asText()).startsWith("klaxon:");
        assertThat(command.toString()).contains("/etc/klaxon/klaxon.yaml");
        assertThat(e.getValue().path("healthcheck").path("test").toString()).contains("/health/ready");
        int port = e.getValue().path("environment").path("KLAXON_HEALTH_PORT").asInt(8080);
        assertThat(port).as(role + "'s health port").isEqualTo(ROLE_PORTS.get(role));
      }
      if (!e.getKey().equals("topics")) {
        assertThat(e.getValue().path("restart").asText()).as(e.getKey()).isEqualTo("unless-stopped");
      }
    });
    assertThat(roles).containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::toString).toList());
    assertThat(services.path("topics").path("command").toString()).contains("topics", "create");
    assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
  }

  @Test
  void everyMountedFileExistsAndTheRolesAcceptTheirConfig() throws IOException {
    compose().path("services").forEach(service -> service.path("volumes").forEach(volume -> {
      String source = volume.asText().split(":")[0];
      if (source.startsWith("./")) {
        assertThat(ROOT.resolve(source)).as(volume.asText()).exists();
      }
    }));
    Path config = ROOT.resolve("deploy/klaxon/klaxon.yaml");
    RunFile file = RunFile.load(config);
    ProcessorSection.from(file.processor());
    RulesSection.from(file.rules(), file.baseDir()).ruleSet();
    CostSection.from(file.cost());
    SinkSection.from(file.sink(), file.baseDir()).routingConfig();
    ExporterSection.from(file.exporter());
    assertThat(file.bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void secretsComeFromTheEnvironmentAndEveryRequiredOneIsInTheExample() throws IOException {
    String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
    String example = Files.readString(ROOT.resolve(".env.example"));
    Matcher required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(compose);
    int count = 0;
    while (required.find()) {
      assertThat(example).as(required.group(1)).contains(required.group(1) + "=");
      count++;
    }
    assertThat(count).isGreaterThanOrEqualTo(2);
    assertThat(compose).doesNotContainPattern("hooks\\.slack\\.com|routing_key:\\s*\\w");
  }

  @Test
  void prometheusScrapesEveryRoleWhereItListens() throws IOException {
    JsonNode prometheus = yaml.readTree(ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
    Map<String, Integer> targets = new HashMap<>();
    prometheus.path("scrape_configs").forEach(job -> job.path("static_configs").forEach(c -> c.path("targets")
        .forEach(t -> targets.put(t.asText().split(":")[0], Integer.parseInt(t.asText().split(":")[1])))));
    assertThat(targets).containsExactlyInAnyOrderEntriesOf(ROLE_PORTS);
    JsonNode services = compose().path("services");
    targets.keySet().forEach(host -> assertThat(services.has(host)).as(host + " is a compose service").isTrue());
  }

  /** Read with SnakeYAML, which applies merge keys ({@code <<: *klaxon}) as Compose does; Jackson does not. */
  private JsonNode compose() throws IOException {
    Object document = new org.yaml.snakeyaml.Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
    return yaml.valueToTree(document);
  }
}

package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.cost.Granularity;
import dev.klaxon.replay.LiveSettings;
import dev.klaxon.runtime.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `klaxon replay --config klaxon.yaml`: the live settings from the file, options over them, a bad file in one line. */
class ReplayConfigTest {

  @TempDir Path dir;

  @Test
  void withoutAFileTheShippedDefaults() {
    ReplayConfig config = ReplayConfig.of(RunFile.load(null), null, null, null, null);

    assertThat(config.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.grace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.live()).isEqualTo(LiveSettings.defaults());
    assertThat(config.rulesSource()).isEqualTo("shipped rules");
    assertThat(config.routingSource()).isEqualTo("shipped routing");
    assertThat(config.rules().rule("HighP95Latency")).isPresent();
  }

  @Test
  void theFileGivesTheLiveWindowGraceLimitsSpendWindowsAndRules() throws Exception {
    Path file = liveFile();

    ReplayConfig config = ReplayConfig.of(RunFile.load(file), null, null, null, null);

    assertThat(config.window()).as("the processor's first window").isEqualTo(Duration.ofMinutes(5));
    assertThat(config.grace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.live().eventLimits().maxCostUsd()).isEqualByComparingTo(new BigDecimal("50"));
    assertThat(config.live().eventLimits().maxIdentifierChars()).isEqualTo(64);
    assertThat(config.live().spendGranularities()).containsExactly(Granularity.MINUTE, Granularity.HOUR);
    assertThat(config.live().spendGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.rules().rules()).extracting(r -> r.name()).containsExactly("LiveRule");
    assertThat(config.rulesSource()).endsWith("live-rules.yaml");
  }

  @Test
  void optionsWinOverTheFile() throws Exception {
    Path file = liveFile();
    Path candidate = Files.writeString(dir.resolve("candidate.yaml"), rule("CandidateRule"));

    ReplayConfig config = ReplayConfig.of(RunFile.load(file), Duration.ofMinutes(1), Duration.ofSeconds(5), candidate,
        null);

    assertThat(config.window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.grace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.rules().rules()).extracting(r -> r.name()).containsExactly("CandidateRule");
    assertThat(config.rulesSource()).isEqualTo(candidate.toString());
    assertThat(config.live().spendGrace()).as("what no option sets still comes from the file")
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void anUnknownKeyIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("klaxon.yaml"), "processor:\n  windw: [5m]\n");
    assertThatThrownBy(() -> ReplayConfig.of(RunFile.load(file), null, null, null, null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("processor.windw");
  }

  @Test
  void aBadFileIsOneLineBeforeKafkaIsAsked() throws Exception {
    Path file = Files.writeString(dir.resolve("klaxon.yaml"), "processor:\n  windw: [5m]\n");

    Run run = run("replay", "--from", "-1h", "--config", file.toString(), "--bootstrap-servers", "localhost:1");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("klaxon replay: --config " + file + ": ").contains("processor.windw")
        .endsWith("\n").doesNotContain("\tat ").doesNotContain("localhost:1");
    assertThat(run.err.strip()).doesNotContain("\n");
  }

  @Test
  void aMissingFileIsOneLine() {
    Run run = run("replay", "--from", "-1h", "--config", dir.resolve("nope.yaml").toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).isEqualTo("klaxon replay: config file " + dir.resolve("nope.yaml") + " does not exist\n");
  }

  private Path liveFile() throws Exception {
    Files.writeString(dir.resolve("live-rules.yaml"), rule("LiveRule"));
    return Files.writeString(dir.resolve("klaxon.yaml"), """
        topicPrefix: "prod."
        events:
          maxCostUsd: 50
          maxIdentifierChars: 64
        processor:
          windows: [5m, 1h]
          grace: 30s
        cost:
          granularities: [minute, hour]
          grace: 1m
        rules:
          file: live-rules.yaml
        """);
  }

  private static String rule(String name) {
    return "rules:\n  - {name: " + name + ", metric: requests.p95, warning: 1000, summary: \"{{service}}\"}\n";
  }

  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    CommandLine cli = KlaxonCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int exit = cli.execute(args);
    return new Run(exit, err.toString());
  }
}

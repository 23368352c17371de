package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What `klaxon replay` refuses before it touches Kafka: one line on stderr, exit code 2, no stack trace. */
class ReplayCommandTest {

  @TempDir Path dir;

  @Test
  void anEndBeforeTheStartIsOneLine() {
    Run run = run("replay", "--from", "2026-11-30T15:00:00Z", "--to", "2026-11-30T14:00:00Z");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).isEqualTo("klaxon replay: --to 2026-11-30T14:00:00Z must be after --from 2026-11-30T15:00:00Z\n");
  }

  @Test
  void aTimeThatIsNotOneSaysWhatIs() {
    Run run = run("replay", "--from", "yesterday");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).startsWith("klaxon replay: 'yesterday' is not a time: use now, a duration before now")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anUnknownFormatIsOneLine() {
    Run run = run("replay", "--from", "-1h", "--format", "pdf");
    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).isEqualTo("klaxon replay: unknown report format 'pdf': html or json\n");
  }

  /** As `klaxon rules check`: every problem of the file at once, one per line, before Kafka is asked anything. */
  @Test
  void aBrokenRuleFileIsRefusedBeforeAnythingIsRead() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "rules:\n  - name: X\n    metric: requests.p42\n");
    Run run = run("replay", "--from", "-1h", "--rules", rules.toString(), "--bootstrap-servers", "localhost:1");
    assertThat(run.exit).isNotZero();
    assertThat(run.err).startsWith("klaxon replay: ").contains("requests.p42").doesNotContain("\tat ")
        .doesNotContain("localhost:1");
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

package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SinkCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void checkPrintsTheShippedRoutingTree() {
    assertThat(run("sink", "check")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("{severity=\"critical\"} → pagerduty", "OK");
  }

  @Test
  void checkRefusesABadFileNamingEveryProblemByPath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("sink.yaml"), "route:\n  receiver: nobody\n  matcher: x\nreceivers: []\n");

    assertThat(run("sink", "check", file.toString())).isNotZero();
    assertThat(err.toString()).contains("route.matcher: unknown key", "receiver 'nobody' is not defined");
  }

  @Test
  void testShowsWhichReceiversACriticalAlertReaches() {
    assertThat(run("sink", "test", "--labels", "severity=critical,service=checkout,alertname=HighP95Latency")).isZero();
    assertThat(out.toString()).contains("pagerduty", "slack").doesNotContain("daily-digest");
  }

  private int run(String... args) {
    CommandLine cli = KlaxonCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}

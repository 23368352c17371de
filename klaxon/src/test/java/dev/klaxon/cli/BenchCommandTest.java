package dev.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.processor.ProcessorSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code klaxon bench processor} measures the processor as it ships unless told otherwise. */
class BenchCommandTest {

  private static BenchCommand.Processor parse(String... args) {
    CommandLine.ParseResult parsed = KlaxonCommand.commandLine().parseArgs(args);
    return (BenchCommand.Processor) parsed.subcommand().subcommand().commandSpec().userObject();
  }

  @Test
  void theProcessorBenchmarkCommitsAsOftenAsTheProcessorByDefault() {
    assertThat(parse("bench", "processor").commitInterval).isEqualTo(ProcessorSettings.DEFAULT_COMMIT_INTERVAL);
    assertThat(parse("bench", "processor", "--commit-interval", "200ms").commitInterval).hasMillis(200);
  }
}

package dev.klaxon.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code klaxon} command. */
@Command(name = "klaxon", mixinStandardHelpOptions = true, version = "klaxon 0.1.0",
    description = "Event-streaming metrics and alerts on Apache Kafka.",
    subcommands = {DemoCommand.class, RunCommand.class, TailCommand.class, SendCommand.class, RulesCommand.class,
        SinkCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class KlaxonCommand {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new KlaxonCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.registerConverter(Duration.class, new DurationConverter());
    cli.setExecutionExceptionHandler(KlaxonCommand::reportFailure);
    return cli;
  }

  /** One line naming what went wrong; the stack trace only with KLAXON_DEBUG set. */
  private static int reportFailure(Exception error, CommandLine command, CommandLine.ParseResult parsed) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    command.getErr().println("klaxon " + command.getCommandName() + ": " + message);
    if (System.getenv("KLAXON_DEBUG") != null) {
      error.printStackTrace(command.getErr());
    }
    return 1;
  }
}

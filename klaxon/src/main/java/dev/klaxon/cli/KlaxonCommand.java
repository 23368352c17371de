package dev.klaxon.cli;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code klaxon} command. */
@Command(name = "klaxon", mixinStandardHelpOptions = true, version = "klaxon 0.1.0",
    description = "Event-streaming metrics and alerts on Apache Kafka.",
    subcommands = {DemoCommand.class, RunCommand.class, TailCommand.class, SendCommand.class, RulesCommand.class,
        SinkCommand.class, SpendCommand.class, ReplayCommand.class, BenchCommand.class, TopicsCommand.class,
        CommandLine.HelpCommand.class})
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
    command.getErr().println("klaxon " + command.getCommandName() + ": " + explanation(error));
    if (System.getenv("KLAXON_DEBUG") != null) {
      error.printStackTrace(command.getErr());
    }
    return 1;
  }

  /**
   * The outermost message that says something of its own: a wrapper whose message is only its
   * cause's {@code toString()} is skipped, but "cannot listen on port 9464: Address already in use"
   * is kept rather than its bare cause.
   */
  static String explanation(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Throwable cause = t.getCause();
      boolean onlyWraps = t.getMessage() == null || (cause != null && t.getMessage().equals(cause.toString()));
      if (!onlyWraps) {
        return t.getMessage();
      }
      if (cause == null) {
        return t.getClass().getSimpleName();
      }
    }
    return error.getClass().getSimpleName();
  }
}

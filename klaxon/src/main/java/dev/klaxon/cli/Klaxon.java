package dev.klaxon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code klaxon} command. */
@Command(name = "klaxon", mixinStandardHelpOptions = true, version = "klaxon 0.1.0",
    description = "Event-streaming metrics and alerts on Apache Kafka.",
    subcommands = {DemoCommand.class, TailCommand.class, SendCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Klaxon {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Klaxon()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}

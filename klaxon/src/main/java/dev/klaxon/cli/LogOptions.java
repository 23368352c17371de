package dev.klaxon.cli;

import dev.klaxon.runtime.logging.LogFormat;
import dev.klaxon.runtime.logging.Logging;
import picocli.CommandLine.Option;

/** {@code --log-format}: how services started by this command write their logs (to stderr). */
final class LogOptions {

  @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:KLAXON_LOG_FORMAT:-text}",
      description = "Log lines as text or as JSON (timestamp, level, logger, message, requestId/service where known). "
          + "Default: $KLAXON_LOG_FORMAT, else ${DEFAULT-VALUE}.")
  LogFormat format;

  void apply() {
    Logging.configure(format);
  }
}

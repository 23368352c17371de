package dev.klaxon.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for a Klaxon process: one console appender on stderr (stdout belongs to the
 * command's own output) in the chosen {@link LogFormat}. Klaxon's loggers speak at INFO, libraries
 * (Kafka, Jetty) only from WARN: their INFO lines describe client internals, not the service.
 * MDC keys ({@link LogContext}) show as fields of the JSON line, or in brackets in text.
 */
public final class Logging {

  /** Routine lines some libraries log at WARN or INFO that say nothing to an operator. */
  private static final Map<String, Level> QUIET = Map.of(
      "org.apache.kafka.controller.QuorumController", Level.ERROR);

  private Logging() {}

  /** Replaces whatever configuration Logback loaded; safe to call more than once. */
  public static void configure(LogFormat format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend (a test's): leave it alone
    }
    context.reset();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget("System.err");
    console.setEncoder(encoder(format, context));
    console.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    context.getLogger("dev.klaxon").setLevel(Level.INFO);
    QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
  }

  private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext context) {
    if (format == LogFormat.JSON) {
      LogstashEncoder json = new LogstashEncoder();
      json.setContext(context);
      // Only what an operator filters on; thread and level_value add noise to every line.
      json.setIncludeContext(false);
      json.setFieldNames(fieldNames());
      json.setIncludeMdcKeyNames(List.of(LogContext.REQUEST_ID, LogContext.SERVICE));
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0}%replace( [%mdc]){' \\[\\]', ''} - %msg%n");
    text.start();
    return text;
  }

  private static net.logstash.logback.fieldnames.LogstashFieldNames fieldNames() {
    net.logstash.logback.fieldnames.LogstashFieldNames names = new net.logstash.logback.fieldnames.LogstashFieldNames();
    names.setTimestamp("timestamp");
    names.setVersion("[ignore]");
    names.setLevelValue("[ignore]");
    names.setThread("[ignore]");
    names.setLogger("logger");
    return names;
  }
}

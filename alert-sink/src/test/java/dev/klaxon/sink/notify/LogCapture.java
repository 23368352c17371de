package dev.klaxon.sink.notify;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures what the notify packages log. Their System.Logger goes to java.util.logging (no other
 * LoggerFinder is on this module's classpath), so a handler on the package logger sees every line,
 * formatted with its parameters and any stack trace.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger = Logger.getLogger("dev.klaxon.sink");
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Level previous = logger.getLevel();
  private final Handler handler = new Handler() {
    private final SimpleFormatter formatter = new SimpleFormatter();

    @Override
    public void publish(LogRecord record) {
      StringBuilder line = new StringBuilder(formatter.formatMessage(record));
      if (record.getThrown() != null) {
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        line.append('\n').append(trace);
      }
      lines.add(line.toString());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  public LogCapture() {
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(previous);
  }
}

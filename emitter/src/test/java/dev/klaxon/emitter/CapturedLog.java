package dev.klaxon.emitter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the emitter logs through {@link System.Logger} while open: with no other backend installed,
 * System.Logger writes to java.util.logging, so a JUL handler sees every line, formatted.
 */
final class CapturedLog extends Handler implements AutoCloseable {

  private static final SimpleFormatter FORMAT = new SimpleFormatter();
  private final Logger logger = Logger.getLogger("dev.klaxon.emitter");
  private final List<String> lines = new CopyOnWriteArrayList<>();

  CapturedLog() {
    logger.addHandler(this);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String all() {
    return String.join("\n", lines);
  }

  @Override
  public void publish(LogRecord record) {
    lines.add(record.getLevel() + " " + FORMAT.formatMessage(record)
        + (record.getThrown() != null ? " " + record.getThrown() : ""));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}

package dev.klaxon.sink.notify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what the sink logs. It logs through SLF4J, and Logback (the services' backend, on this
 * module's test classpath) is bound to it, so a {@link ListAppender} on the {@code dev.klaxon.sink}
 * logger sees every line, formatted with its arguments and any stack trace.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.klaxon.sink");
  private final Level previous = logger.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    logger.setLevel(Level.ALL);
    logger.addAppender(appender);
  }

  public List<String> lines() {
    synchronized (appender) { // appending holds the appender's lock too: no line is half added
      return appender.list.stream().map(LogCapture::line).toList();
    }
  }

  private static String line(ILoggingEvent event) {
    String line = event.getFormattedMessage();
    return event.getThrowableProxy() == null ? line : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
    appender.stop();
  }
}

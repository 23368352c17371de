package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.NotifyStats;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the rich message, and on any failure (a template naming a missing variable, a bug on odd
 * input) the plain built-in one instead: an alert still goes out, and the failure is logged and
 * counted rather than swallowed.
 */
public final class Rendering {

  private static final Logger log = LoggerFactory.getLogger(Rendering.class);

  private Rendering() {}

  public static <T> T withFallback(String integration, AlertGroup group, NotifyStats stats, Supplier<T> rich, Supplier<T> plain) {
    try {
      return rich.get();
    } catch (RuntimeException e) {
      stats.renderFallback(group.receiver(), integration);
      log.warn("{}: could not render the message for receiver {}, group {} ({}: {}); sending the plain built-in message",
          integration, group.receiver(), group.groupKey(), e.getClass().getSimpleName(), e.getMessage());
      return plain.get();
    }
  }
}

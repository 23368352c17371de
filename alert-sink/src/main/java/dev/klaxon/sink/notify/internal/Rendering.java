package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.NotifyStats;
import java.util.function.Supplier;

/**
 * Renders the rich message, and on any failure (a template naming a missing variable, a bug on odd
 * input) the plain built-in one instead: an alert still goes out, and the failure is logged and
 * counted rather than swallowed.
 */
public final class Rendering {

  private static final System.Logger LOG = System.getLogger(Rendering.class.getName());

  private Rendering() {}

  public static <T> T withFallback(String integration, AlertGroup group, NotifyStats stats, Supplier<T> rich, Supplier<T> plain) {
    try {
      return rich.get();
    } catch (RuntimeException e) {
      stats.renderFallback(group.receiver(), integration);
      LOG.log(System.Logger.Level.WARNING, "{0}: could not render the message for receiver {1}, group {2} ({3}: {4}); sending the plain built-in message",
          integration, group.receiver(), group.groupKey(), e.getClass().getSimpleName(), e.getMessage());
      return plain.get();
    }
  }
}

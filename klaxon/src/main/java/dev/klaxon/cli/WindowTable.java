package dev.klaxon.cli;

import dev.klaxon.schemas.RequestWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders closed request windows as a terminal table, one block per window. Rows whose p95 or
 * error rate breach the seeds' thresholds (p95 > 1 s warning, > 2 s critical; 5xx rate > 1 %
 * warning, > 5 % critical) are marked, so the demo's injected incident stands out. Like an alert
 * rule's {@code minCount}, windows with fewer than {@value #MIN_COUNT} requests are never marked:
 * one failure in ten requests is not an incident.
 */
final class WindowTable {

  static final double P95_WARNING_MS = 1000;
  static final double P95_CRITICAL_MS = 2000;
  static final double ERROR_RATE_WARNING = 0.01;
  static final double ERROR_RATE_CRITICAL = 0.05;
  static final long MIN_COUNT = 20;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String HEADER_FORMAT = "%-16s %-22s %7s %9s %9s %9s %7s  %s%n";
  private static final String ROW_FORMAT = "%-16s %-22s %7d %9.1f %9.1f %9.1f %6.1f%%  %s%n";

  private final boolean colour;

  WindowTable(boolean colour) {
    this.colour = colour;
  }

  String render(long windowStart, long windowEnd, List<RequestWindow> windows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nwindow %s-%s%n", TIME.format(Instant.ofEpochMilli(windowStart)),
        TIME.format(Instant.ofEpochMilli(windowEnd))));
    out.append(String.format(Locale.ROOT, HEADER_FORMAT, "service", "route", "count", "p50 ms", "p95 ms", "p99 ms",
        "5xx", ""));
    windows.stream()
        .sorted(Comparator.comparing(RequestWindow::getService).thenComparing(w -> w.getRoute().equals("*") ? "" : w.getRoute()))
        .forEach(w -> {
          String severity = severity(w);
          String line = String.format(Locale.ROOT, ROW_FORMAT, truncate(w.getService(), 16),
              truncate(w.getRoute(), 22), w.getCount(), w.getP50(), w.getP95(), w.getP99(), w.getErrorRate() * 100,
              severity);
          out.append(colour ? paint(line, severity) : line);
        });
    return out.toString();
  }

  static String severity(RequestWindow w) {
    if (w.getCount() < MIN_COUNT) {
      return "";
    }
    if (w.getP95() > P95_CRITICAL_MS || w.getErrorRate() > ERROR_RATE_CRITICAL) {
      return "CRITICAL";
    }
    if (w.getP95() > P95_WARNING_MS || w.getErrorRate() > ERROR_RATE_WARNING) {
      return "warning";
    }
    return "";
  }

  private static String paint(String line, String severity) {
    return switch (severity) {
      case "CRITICAL" -> "\u001b[31;1m" + line.stripTrailing() + "\u001b[0m" + System.lineSeparator();
      case "warning" -> "\u001b[33m" + line.stripTrailing() + "\u001b[0m" + System.lineSeparator();
      default -> line;
    };
  }

  private static String truncate(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }
}

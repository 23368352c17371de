package dev.klaxon.cli;

import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Severity;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders closed request windows as a terminal table, one block per window. Rows whose p95 or
 * error rate breach the shipped alert rules ({@link RuleSet#HIGH_P95_LATENCY},
 * {@link RuleSet#HIGH_ERROR_RATE}: the seeds' p95 > 1 s warning, > 2 s critical; 5xx rate > 1 %
 * warning, > 5 % critical) are marked, so the demo's injected incident stands out. The rules decide,
 * minCount included (one failure in ten requests is not an incident); a mark is per window, so it
 * ignores a rule's {@code for}.
 */
final class WindowTable {

  static final Rule P95 = RuleSet.defaults().require(RuleSet.HIGH_P95_LATENCY);
  static final Rule ERROR_RATE = RuleSet.defaults().require(RuleSet.HIGH_ERROR_RATE);

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
    Optional<Severity> p95 = P95.breaches(w.getP95(), w.getCount());
    Optional<Severity> errorRate = ERROR_RATE.breaches(w.getErrorRate(), w.getCount());
    if (p95.equals(Optional.of(Severity.critical)) || errorRate.equals(Optional.of(Severity.critical))) {
      return "CRITICAL";
    }
    return p95.isPresent() || errorRate.isPresent() ? "warning" : "";
  }

  private static String paint(String line, String severity) {
    return switch (severity) {
      case "CRITICAL" -> "\u001b[31;1m" + line.stripTrailing() + "\u001b[0m" + System.lineSeparator();
      case "warning" -> "\u001b[33m" + line.stripTrailing() + "\u001b[0m" + System.lineSeparator();
      default -> line;
    };
  }

  /** {@code text}, cut to {@code width} characters with a {@code ~} where it was cut. */
  static String truncate(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "~";
  }
}

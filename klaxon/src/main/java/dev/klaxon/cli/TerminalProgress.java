package dev.klaxon.cli;

import dev.klaxon.replay.ReplayProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The replay's progress on stderr: on a console one line redrawn with a carriage return (records
 * done of total, rate, time left); elsewhere (a pipe, CI logs) a plain line every few seconds, so
 * logs do not fill with control characters.
 */
final class TerminalProgress implements ReplayProgress, AutoCloseable {

  private static final long CONSOLE_EVERY_NS = 200_000_000L;
  private static final long PLAIN_EVERY_NS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean console;
  private String stage;
  private long total;
  private long stageStarted;
  private long lastDrawn;
  private int lastWidth;

  TerminalProgress(PrintWriter err, boolean console) {
    this.err = err;
    this.console = console;
  }

  @Override
  public synchronized void stage(String name, long total) {
    endLine();
    this.stage = name;
    this.total = total;
    this.stageStarted = System.nanoTime();
    this.lastDrawn = 0;
    if (!console) {
      err.println(name + (total > 0 ? String.format(Locale.ROOT, ": %,d records", total) : ""));
      err.flush();
    }
  }

  @Override
  public synchronized void advanced(long done) {
    long now = System.nanoTime();
    if (now - lastDrawn < (console ? CONSOLE_EVERY_NS : PLAIN_EVERY_NS)) {
      return;
    }
    lastDrawn = now;
    String line = line(stage, done, total, (now - stageStarted) / 1e9);
    if (console) {
      err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
      lastWidth = line.length();
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** e.g. {@code copying  1,234,567 of 2,000,000 (61%)  412,000/s  2s left}. */
  static String line(String stage, long done, long total, double seconds) {
    double rate = seconds > 0 ? done / seconds : 0;
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-9s %,d", stage, done));
    if (total > 0) {
      out.append(String.format(Locale.ROOT, " of %,d (%d%%)", total, Math.min(100, done * 100 / total)));
    }
    out.append(String.format(Locale.ROOT, "  %,.0f/s", rate));
    if (total > 0 && rate > 0 && done < total) {
      out.append(String.format(Locale.ROOT, "  %ds left", Math.round((total - done) / rate)));
    }
    return out.toString();
  }

  private void endLine() {
    if (console && lastWidth > 0) {
      err.println();
      lastWidth = 0;
    }
  }

  @Override
  public synchronized void close() {
    endLine();
    err.flush();
  }
}

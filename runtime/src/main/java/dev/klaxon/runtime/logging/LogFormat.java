package dev.klaxon.runtime.logging;

/** How services write their logs: readable lines for a terminal, or JSON lines for a log pipeline. */
public enum LogFormat {
  /** {@code 12:00:00.123 INFO  processor - started ...} */
  TEXT,
  /** One JSON object per line: {@code @timestamp}, {@code level}, {@code logger_name}, {@code message}, MDC keys. */
  JSON
}

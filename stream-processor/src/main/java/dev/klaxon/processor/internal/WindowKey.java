package dev.klaxon.processor.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** One tumbling window of one series: {@code series} is e.g. {@code checkout-api|POST /pay}. */
public record WindowKey(String series, long sizeMs, long start) {

  public long end() {
    return start + sizeMs;
  }

  /** The window that holds {@code timestampMs}; windows are aligned to the epoch. */
  public static WindowKey containing(String series, long sizeMs, long timestampMs) {
    return new WindowKey(series, sizeMs, Math.floorDiv(timestampMs, sizeMs) * sizeMs);
  }

  /**
   * Key of the metric record: series, then the window as an ISO-8601 interval (start/duration), e.g.
   * {@code checkout-api|POST /pay|2026-11-23T20:01:00Z/PT1M}. Readable in {@code klaxon tail}, and
   * distinct for windows of different sizes that start together.
   */
  public String recordKey() {
    return series + '|' + Instant.ofEpochMilli(start) + '/' + Duration.ofMillis(sizeMs);
  }

  byte[] toBytes() {
    return (sizeMs + "|" + start + "|" + series).getBytes(StandardCharsets.UTF_8);
  }

  static WindowKey fromBytes(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int first = text.indexOf('|');
    int second = text.indexOf('|', first + 1);
    return new WindowKey(text.substring(second + 1), Long.parseLong(text.substring(0, first)),
        Long.parseLong(text.substring(first + 1, second)));
  }
}

package dev.klaxon.sink.notify.internal;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Severity;
import dev.klaxon.sink.notify.AlertGroup;
import java.util.Comparator;
import java.util.List;

/**
 * How a severity looks in chat, after the on-call seeds: 🔴 critical, 🟡 warning, ℹ️ info, ✅ resolved,
 * with the matching Slack/Discord colours.
 */
public enum Severities {
  CRITICAL("🔴", "CRITICAL", 0xE01E5A),
  WARNING("🟡", "WARNING", 0xECB22E),
  INFO("ℹ️", "INFO", 0x36C5F0),
  RESOLVED("✅", "RESOLVED", 0x2EB67D);

  /** Most urgent first. */
  public static final Comparator<Alert> MOST_URGENT_FIRST = Comparator.comparingInt(a -> a.getSeverity().ordinal());

  private final String emoji;
  private final String label;
  private final int rgb;

  Severities(String emoji, String label, int rgb) {
    this.emoji = emoji;
    this.label = label;
    this.rgb = rgb;
  }

  public static Severities of(Severity severity) {
    return switch (severity) {
      case critical -> CRITICAL;
      case warning -> WARNING;
      case info -> INFO;
    };
  }

  /** The most urgent firing severity of the group, or RESOLVED when nothing fires any more. */
  public static Severities of(AlertGroup group) {
    return worst(group.firing()).map(Severities::of).orElse(RESOLVED);
  }

  /** Most urgent severity among {@code alerts}, e.g. for PagerDuty's event severity. */
  public static java.util.Optional<Severity> worst(List<Alert> alerts) {
    return alerts.stream().min(MOST_URGENT_FIRST).map(Alert::getSeverity);
  }

  public String emoji() {
    return emoji;
  }

  public String label() {
    return label;
  }

  public int rgb() {
    return rgb;
  }

  public String hex() {
    return String.format("#%06X", rgb);
  }
}

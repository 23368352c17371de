package dev.klaxon.sink.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus/Alertmanager durations: {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d}, {@code 1h30m}, {@code 500ms}. */
public final class PromDuration {

  private static final Pattern FORM = Pattern.compile(
      "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000, 1};

  private PromDuration() {}

  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (text == null || text.isBlank() || !m.matches()) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 30s, 5m, 4h, 1d, 1h30m)");
    }
    long ms = 0;
    for (int i = 0; i < UNIT_MS.length; i++) {
      if (m.group(i + 1) != null) {
        ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_MS[i]));
      }
    }
    return Duration.ofMillis(ms);
  }

  /** The shortest form {@link #parse} reads back, e.g. {@code 1h30m}; {@code 0s} for zero. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < UNIT_MS.length; i++) {
      if (ms >= UNIT_MS[i]) {
        out.append(ms / UNIT_MS[i]).append(units[i]);
        ms %= UNIT_MS[i];
      }
    }
    return out.toString();
  }
}

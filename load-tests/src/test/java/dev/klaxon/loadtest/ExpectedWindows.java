package dev.klaxon.loadtest;

import dev.klaxon.processor.ExactQuantiles;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The closed request windows a set of events must produce, computed exactly from every event sent. */
final class ExpectedWindows {

  /** One window of one series; route {@code *} is the whole service. */
  record Key(String service, String route, long windowStart) {
    static Key of(RequestWindow window) {
      return new Key(window.getService(), window.getRoute(), window.getWindowStart());
    }
  }

  private static final double[] QUANTILES = {0.50, 0.95, 0.99};
  /** Design §6: HdrHistogram at 3 significant digits. */
  private static final double QUANTILE_TOLERANCE = 0.001;

  private final long windowMs;
  private final Map<Key, Series> windows = new HashMap<>();

  ExpectedWindows(Duration windowSize) {
    this.windowMs = windowSize.toMillis();
  }

  void add(RequestEvent event) {
    long start = Math.floorDiv(event.getTimestamp(), windowMs) * windowMs;
    windows.computeIfAbsent(new Key(event.getService(), event.getRoute(), start), k -> new Series()).add(event);
    windows.computeIfAbsent(new Key(event.getService(), "*", start), k -> new Series()).add(event);
  }

  Set<Key> keys() {
    return windows.keySet();
  }

  /** How each window read differs from the exact one: counts must be equal, quantiles within 0.1 %. */
  List<String> mismatches(Map<Key, RequestWindow> read) {
    List<String> found = new ArrayList<>();
    read.forEach((key, window) -> {
      Series exact = windows.get(key);
      if (exact == null) {
        found.add(key + ": no events were sent for it");
        return;
      }
      long[] counts = {window.getCount(), window.getErrors5xx(), window.getErrors4xx(), window.getAuthFailures()};
      long[] expected = {exact.durations.size(), exact.errors5xx, exact.errors4xx, exact.authFailures};
      if (!java.util.Arrays.equals(counts, expected)) {
        found.add(key + ": count, 5xx, 4xx, auth failures " + java.util.Arrays.toString(counts) + ", sent "
            + java.util.Arrays.toString(expected));
      }
      double[] reported = {window.getP50(), window.getP95(), window.getP99()};
      double[] sorted = exact.durations.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      for (int i = 0; i < QUANTILES.length; i++) {
        double nearestRank = ExactQuantiles.nearestRank(sorted, QUANTILES[i]);
        if (Math.abs(reported[i] - nearestRank) > QUANTILE_TOLERANCE * nearestRank) {
          found.add(key + ": p" + Math.round(QUANTILES[i] * 100) + " " + reported[i] + ", exact " + nearestRank);
        }
      }
    });
    return found;
  }

  private static final class Series {
    final List<Double> durations = new ArrayList<>();
    long errors5xx;
    long errors4xx;
    long authFailures;

    void add(RequestEvent event) {
      durations.add(event.getDurationMs());
      int status = event.getStatus();
      errors5xx += status >= 500 ? 1 : 0;
      errors4xx += status >= 400 && status < 500 ? 1 : 0;
      authFailures += status == 401 || status == 403 ? 1 : 0;
    }
  }
}

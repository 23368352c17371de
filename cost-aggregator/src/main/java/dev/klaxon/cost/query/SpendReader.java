package dev.klaxon.cost.query;

import dev.klaxon.cost.internal.SpendWindowProcessor;
import dev.klaxon.cost.query.TopSpenders.UserTotal;
import dev.klaxon.cost.query.UserSpend.ProviderSpend;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the open windows of one instance's spend store ({@code SpendTopology.WINDOW_STORE}, keyed
 * {@code userId|provider|<start>/<granularity>}). The current day or month is the open window of that
 * size starting at the period's start; rows are recognised by their values, not by parsing keys, and
 * per-service rows (userId {@code *}, service set) are not users.
 */
final class SpendReader {

  /** Most spent first; ties by user id, so every instance and the merge order alike. */
  static final Comparator<UserTotal> MOST_SPENT = Comparator.comparing(UserTotal::costUsd).reversed()
      .thenComparing(UserTotal::userId);

  private SpendReader() {}

  static UserSpend user(ReadOnlyKeyValueStore<String, SpendWindow> store, String userId, SpendPeriod period,
      long start) {
    SpendWindow total = null;
    List<ProviderSpend> providers = new ArrayList<>();
    // The key starts with the user id: one prefix scan reads only this user's windows.
    try (KeyValueIterator<String, SpendWindow> rows = store.prefixScan(userId + '|', new StringSerializer())) {
      while (rows.hasNext()) {
        SpendWindow window = rows.next().value;
        if (!window.getUserId().equals(userId) || !isUserRow(window, period, start)) {
          continue;
        }
        if (SpendWindowProcessor.ALL_PROVIDERS.equals(window.getProvider())) {
          total = window;
        } else {
          providers.add(new ProviderSpend(window.getProvider(), exact(window.getCostUsd()), window.getEvents(),
              Map.copyOf(window.getUnits())));
        }
      }
    }
    providers.sort(Comparator.comparing(ProviderSpend::costUsd).reversed().thenComparing(ProviderSpend::provider));
    long end = period.granularity().endOf(start);
    return new UserSpend(userId, period.label(), Instant.ofEpochMilli(start).toString(),
        Instant.ofEpochMilli(end).toString(), total == null ? BigDecimal.ZERO : exact(total.getCostUsd()),
        total == null ? 0 : total.getEvents(), total == null ? Map.of() : Map.copyOf(total.getUnits()), providers);
  }

  /** This instance's top {@code limit} users; each user lives on one instance, so merging these is exact. */
  static List<UserTotal> top(ReadOnlyKeyValueStore<String, SpendWindow> store, SpendPeriod period, long start,
      int limit) {
    PriorityQueue<UserTotal> best = new PriorityQueue<>(MOST_SPENT.reversed());
    try (KeyValueIterator<String, SpendWindow> rows = store.all()) {
      while (rows.hasNext()) {
        SpendWindow window = rows.next().value;
        if (SpendWindowProcessor.ALL_PROVIDERS.equals(window.getProvider()) && isUserRow(window, period, start)
            && !SpendWindowProcessor.ALL_PROVIDERS.equals(window.getUserId())) {
          best.add(new UserTotal(window.getUserId(), exact(window.getCostUsd()), window.getEvents()));
          if (best.size() > limit) {
            best.poll();
          }
        }
      }
    }
    List<UserTotal> sorted = new ArrayList<>(best);
    sorted.sort(MOST_SPENT);
    return sorted;
  }

  private static boolean isUserRow(SpendWindow window, SpendPeriod period, long start) {
    return window.getService() == null && window.getWindowStart() == start
        && period.granularity().label().equals(window.getGranularity());
  }

  /** The stored scale-9 decimal without its trailing zeros: 12.5, not 12.500000000. Still exact. */
  private static BigDecimal exact(BigDecimal stored) {
    BigDecimal stripped = stored.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}

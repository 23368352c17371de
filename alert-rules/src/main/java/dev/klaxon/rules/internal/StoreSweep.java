package dev.klaxon.rules.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Forgetting what the evaluator no longer needs: a store's entries matching a test, deleted after the scan. */
final class StoreSweep {

  private StoreSweep() {}

  /** Deletes the entries whose value passes {@code stale}; keys are collected first (no delete while iterating). */
  static <V> void deleteWhere(KeyValueStore<String, V> store, Predicate<V> stale) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> all = store.all()) {
      all.forEachRemaining(entry -> {
        if (stale.test(entry.value)) {
          keys.add(entry.key);
        }
      });
    }
    keys.forEach(store::delete);
  }
}

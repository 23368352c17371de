package dev.klaxon.processor.internal;

import dev.klaxon.runtime.streams.CommitFlushedStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Open windows of one task, kept as live objects, written to a changelogged store only at commit.
 *
 * <p>Why: a DSL aggregate whose value is a serialized histogram decodes and re-encodes it for every
 * event, which costs far more than the event itself. Here each event updates an object in a map and
 * marks it dirty; at commit the dirty aggregates are encoded into the inner store
 * ({@link CommitFlushedStore}: in the same transaction as the consumed offsets and the emitted
 * windows, so exactly-once holds).
 *
 * <p>The same flag idea serves the open-window topics: a second flag per slot says the window changed
 * since {@link #drainChanged} last ran, so the processor publishes running values of changed series
 * only, at its own pace, without a set lookup per event.
 *
 * <p>Rollup windows ({@link WindowAggregation#rollupOf}) are not kept: the store indexes the open
 * windows by rollup, and merges a rollup's members when it is read ({@link #rollupsOf},
 * {@link #drainChanged}). State written
 * before rollups were derived holds them; they are dropped when it loads (their members hold the
 * same values).
 *
 * <p>Also keeps the task's stream time (highest event time seen), so a restart does not reopen
 * windows that were already closed and emitted.
 */
public final class WindowAggregateStore<A> extends CommitFlushedStore {

  private static final Comparator<Slot<?>> BY_SERIES = Comparator.comparing(slot -> slot.key.series());
  private static final Bytes STREAM_TIME_KEY = Bytes.wrap("\u0000stream-time".getBytes(StandardCharsets.UTF_8));

  private final WindowAggregation<?, A> aggregation;
  private final Map<WindowKey, Slot<A>> open = new HashMap<>();
  // Changed since the last commit. A flag on the slot instead of a set: one hash lookup per event, not two.
  private final List<Slot<A>> dirty = new ArrayList<>();
  // Changed since the last drainChanged: the same idea, for the open-window publication.
  private final List<Slot<A>> changed = new ArrayList<>();
  private final Set<WindowKey> removed = new HashSet<>();
  private final Map<WindowKey, Rollup<A>> rollups = new HashMap<>();
  private long streamTime = Long.MIN_VALUE;
  private boolean streamTimeDirty;
  private boolean loaded;

  WindowAggregateStore(KeyValueStore<Bytes, byte[]> inner, WindowAggregation<?, A> aggregation) {
    super(inner);
    this.aggregation = aggregation;
  }

  /** A builder for the topology: in-memory inner store, changelog on, Streams' own cache off. */
  public static <A> StoreBuilder<WindowAggregateStore<A>> builder(String name, WindowAggregation<?, A> aggregation) {
    return new Builder<>(name, aggregation);
  }

  public A get(WindowKey key) {
    loadIfNeeded();
    Slot<A> slot = open.get(key);
    return slot == null ? null : slot.value;
  }

  /**
   * The open window's slot, or null: a caller that keeps it can update the window again without a
   * lookup ({@link #update}).
   */
  Slot<A> slotFor(WindowKey key) {
    loadIfNeeded();
    return open.get(key);
  }

  /**
   * The slot's aggregate, marked as changed (the caller updates it in place); null when the slot no
   * longer holds its window: closed, replaced, or dropped with the cache ({@link #clearCache}).
   */
  A update(Slot<A> slot) {
    if (!slot.live) {
      return null;
    }
    markDirty(slot);
    return slot.value;
  }

  public void put(WindowKey key, A aggregate) {
    open(key, aggregate);
  }

  /** Opens the window with {@code aggregate} (marked as changed); returns its slot. */
  Slot<A> open(WindowKey key, A aggregate) {
    loadIfNeeded();
    if (aggregation.isRollup(key)) {
      throw new IllegalArgumentException("rollup windows are derived, not stored: " + key);
    }
    Slot<A> slot = new Slot<>(key, aggregate);
    Slot<A> previous = open.put(key, slot);
    if (previous != null) {
      previous.live = false;
      unindex(previous);
    }
    index(slot);
    markDirty(slot);
    return slot;
  }

  public void remove(WindowKey key) {
    loadIfNeeded();
    Slot<A> slot = open.remove(key);
    if (slot != null) {
      slot.live = false;
      removed.add(key);
      unindex(slot);
    }
  }

  /**
   * The rollup windows the given open windows count in ({@link WindowAggregation#rollupOf}), each
   * once, merged from all their open members (new objects: changing them changes nothing here):
   * what closes with them. Windows that are not open, or count in no rollup, add nothing.
   */
  public Map<WindowKey, A> rollupsOf(List<WindowKey> members) {
    loadIfNeeded();
    Map<WindowKey, A> merged = new HashMap<>();
    for (WindowKey key : members) {
      Slot<A> member = open.get(key);
      if (member != null && member.rollup != null && !merged.containsKey(member.rollup.key)) {
        merged.put(member.rollup.key, merged(member.rollup));
      }
    }
    return merged;
  }

  private A merged(Rollup<A> rollup) {
    if (rollup.ordered == null) {
      // In series order, whatever order the members opened or were restored in: sums of doubles
      // then come out the same after a restart and in a replay.
      rollup.ordered = new ArrayList<>(rollup.members);
      rollup.ordered.sort(BY_SERIES);
    }
    A merged = aggregation.newAggregate();
    for (Slot<A> member : rollup.ordered) {
      aggregation.merge(merged, member.value);
    }
    return merged;
  }

  private void index(Slot<A> slot) {
    WindowKey key = aggregation.rollupOf(slot.key);
    if (key != null) {
      slot.rollup = rollups.computeIfAbsent(key, Rollup::new);
      slot.rollup.members.add(slot);
      slot.rollup.ordered = null;
    }
  }

  private void unindex(Slot<A> slot) {
    Rollup<A> rollup = slot.rollup;
    if (rollup != null) {
      rollup.members.remove(slot);
      rollup.ordered = null;
      if (rollup.members.isEmpty()) {
        rollups.remove(rollup.key);
      }
    }
  }

  public Set<WindowKey> openWindows() {
    loadIfNeeded();
    return Collections.unmodifiableSet(open.keySet());
  }

  private void markDirty(Slot<A> slot) {
    if (!slot.dirty) {
      slot.dirty = true;
      dirty.add(slot);
    }
    if (!slot.changed) {
      slot.changed = true;
      changed.add(slot);
    }
  }

  /**
   * Calls {@code action} once for every open window changed (by {@link #open}, {@link #put} or
   * {@link #update}) since the previous call, in the order they first changed, then once for
   * every rollup window with a changed member (merged as {@link #rollupsOf} does), and forgets the changes. Windows
   * removed since then are skipped. State only: calling it writes nothing.
   */
  public void drainChanged(BiConsumer<WindowKey, A> action) {
    List<Rollup<A>> changedRollups = new ArrayList<>();
    for (Slot<A> slot : changed) {
      slot.changed = false;
      if (!slot.live) {
        continue;
      }
      action.accept(slot.key, slot.value);
      Rollup<A> rollup = slot.rollup;
      if (rollup != null && !rollup.changed) {
        rollup.changed = true;
        changedRollups.add(rollup);
      }
    }
    changed.clear();
    for (Rollup<A> rollup : changedRollups) {
      rollup.changed = false;
      if (!rollup.members.isEmpty()) {
        action.accept(rollup.key, merged(rollup));
      }
    }
  }

  public long streamTime() {
    loadIfNeeded();
    return streamTime;
  }

  public void advanceStreamTime(long timestamp) {
    loadIfNeeded();
    if (timestamp > streamTime) {
      streamTime = timestamp;
      streamTimeDirty = true;
    }
  }

  // Loaded lazily: restoration from the changelog runs after init and before the first record.
  private void loadIfNeeded() {
    if (loaded) {
      return;
    }
    try (KeyValueIterator<Bytes, byte[]> all = inner.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        if (entry.key.equals(STREAM_TIME_KEY)) {
          streamTime = ByteBuffer.wrap(entry.value).getLong();
        } else {
          WindowKey key = WindowKey.fromBytes(entry.key.get());
          if (aggregation.isRollup(key)) {
            removed.add(key); // kept by an earlier version; derived from its members now
            continue;
          }
          Slot<A> slot = new Slot<>(key, aggregation.decode(entry.value));
          open.put(key, slot);
          index(slot);
        }
      }
    }
    loaded = true;
  }

  @Override
  public void flushCache() {
    for (WindowKey key : removed) {
      inner.delete(Bytes.wrap(key.toBytes()));
    }
    removed.clear();
    for (Slot<A> slot : dirty) {
      slot.dirty = false;
      if (slot.live) {
        inner.put(Bytes.wrap(slot.key.toBytes()), aggregation.encode(slot.value));
      }
    }
    dirty.clear();
    if (streamTimeDirty) {
      inner.put(STREAM_TIME_KEY, ByteBuffer.allocate(Long.BYTES).putLong(streamTime).array());
      streamTimeDirty = false;
    }
  }

  /** Drops the objects; the next access reloads them from the inner store. */
  @Override
  public void clearCache() {
    open.values().forEach(slot -> slot.live = false); // slots kept by a caller must not be updated
    open.clear();
    rollups.clear();
    dirty.clear();
    changed.clear();
    removed.clear();
    streamTime = Long.MIN_VALUE;
    streamTimeDirty = false;
    loaded = false;
  }

  /** One open window: its aggregate, whether it changed since the last commit and since the last drain. */
  static final class Slot<A> {
    final WindowKey key;
    final A value;
    boolean dirty;
    boolean changed;
    boolean live = true;
    Rollup<A> rollup; // the rollup window it counts in, or null

    Slot(WindowKey key, A value) {
      this.key = key;
      this.value = value;
    }
  }

  /** A rollup window: its open members, and whether one changed since the last drain. */
  private static final class Rollup<A> {
    final WindowKey key;
    final Set<Slot<A>> members = new HashSet<>();
    List<Slot<A>> ordered; // members by series, null after the members changed
    boolean changed;

    Rollup(WindowKey key) {
      this.key = key;
    }
  }

  private static final class Builder<A> extends CommitFlushedStore.Builder<WindowAggregateStore<A>> {
    private final WindowAggregation<?, A> aggregation;

    Builder(String name, WindowAggregation<?, A> aggregation) {
      super(Stores.inMemoryKeyValueStore(name));
      this.aggregation = aggregation;
    }

    @Override
    protected WindowAggregateStore<A> build(KeyValueStore<Bytes, byte[]> inner) {
      return new WindowAggregateStore<>(inner, aggregation);
    }
  }
}

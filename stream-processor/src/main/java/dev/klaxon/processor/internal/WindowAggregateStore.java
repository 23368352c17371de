package dev.klaxon.processor.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Open windows of one task, kept as live objects, written to a changelogged store only at commit.
 *
 * <p>Why: a DSL aggregate whose value is a serialized histogram decodes and re-encodes it for every
 * event, which costs far more than the event itself. Here each event updates an object in a map and
 * marks it dirty; when Kafka Streams prepares a commit it calls {@link #flushCache()} (as for its own
 * caching layer), which encodes the dirty aggregates into the inner store. The inner store's
 * changelog writes then go into the same transaction as the consumed offsets and the emitted
 * windows, so exactly-once holds: after a crash, the store is restored from the changelog as of
 * the last commit and the input is re-read from there.
 *
 * <p>The same flag idea serves the open-window topics: a second flag per slot says the window changed
 * since {@link #drainChanged} last ran, so the processor publishes running values of changed series
 * only, at its own pace, without a set lookup per event.
 *
 * <p>Also keeps the task's stream time (highest event time seen), so a restart does not reopen
 * windows that were already closed and emitted.
 */
public final class WindowAggregateStore<A> implements StateStore, CachedStateStore<Bytes, byte[]> {

  private static final Bytes STREAM_TIME_KEY = Bytes.wrap("\u0000stream-time".getBytes(StandardCharsets.UTF_8));

  private final KeyValueStore<Bytes, byte[]> inner;
  private final WindowAggregation<?, A> aggregation;
  private final Map<WindowKey, Slot<A>> open = new HashMap<>();
  // Changed since the last commit. A flag on the slot instead of a set: one hash lookup per event, not two.
  private final List<Slot<A>> dirty = new ArrayList<>();
  // Changed since the last drainChanged: the same idea, for the open-window publication.
  private final List<Slot<A>> changed = new ArrayList<>();
  private final Set<WindowKey> removed = new HashSet<>();
  private long streamTime = Long.MIN_VALUE;
  private boolean streamTimeDirty;
  private boolean loaded;

  WindowAggregateStore(KeyValueStore<Bytes, byte[]> inner, WindowAggregation<?, A> aggregation) {
    this.inner = inner;
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

  /** The open window's aggregate, marked as changed (the caller updates it in place), or null. */
  public A getForUpdate(WindowKey key) {
    loadIfNeeded();
    Slot<A> slot = open.get(key);
    if (slot == null) {
      return null;
    }
    markDirty(slot);
    return slot.value;
  }

  public void put(WindowKey key, A aggregate) {
    loadIfNeeded();
    Slot<A> slot = new Slot<>(key, aggregate);
    Slot<A> previous = open.put(key, slot);
    if (previous != null) {
      previous.live = false;
    }
    markDirty(slot);
  }

  public void remove(WindowKey key) {
    loadIfNeeded();
    Slot<A> slot = open.remove(key);
    if (slot != null) {
      slot.live = false;
      removed.add(key);
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
   * Calls {@code action} once for every open window changed (by {@link #put} or
   * {@link #getForUpdate}) since the previous call, in the order they first changed, and forgets
   * the changes. Windows removed since then are skipped. State only: calling it writes nothing.
   */
  public void drainChanged(BiConsumer<WindowKey, A> action) {
    for (Slot<A> slot : changed) {
      slot.changed = false;
      if (slot.live) {
        action.accept(slot.key, slot.value);
      }
    }
    changed.clear();
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
          open.put(key, new Slot<>(key, aggregation.decode(entry.value)));
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
    open.clear();
    dirty.clear();
    changed.clear();
    removed.clear();
    streamTime = Long.MIN_VALUE;
    streamTimeDirty = false;
    loaded = false;
  }

  @Override
  public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
    return false;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    inner.init(context, root);
  }

  @Override
  public void flush() {
    flushCache();
    inner.flush();
  }

  @Override
  public void close() {
    clearCache();
    inner.close();
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  /** One open window: its aggregate, whether it changed since the last commit and since the last drain. */
  private static final class Slot<A> {
    final WindowKey key;
    final A value;
    boolean dirty;
    boolean changed;
    boolean live = true;

    Slot(WindowKey key, A value) {
      this.key = key;
      this.value = value;
    }
  }

  private static final class Builder<A> implements StoreBuilder<WindowAggregateStore<A>> {
    private final WindowAggregation<?, A> aggregation;
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

    Builder(String name, WindowAggregation<?, A> aggregation) {
      this.aggregation = aggregation;
      this.inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
              org.apache.kafka.common.serialization.Serdes.Bytes(),
              org.apache.kafka.common.serialization.Serdes.ByteArray())
          .withCachingDisabled()
          .withLoggingEnabled(Map.of());
    }

    @Override
    public StoreBuilder<WindowAggregateStore<A>> withCachingEnabled() {
      throw new UnsupportedOperationException("this store is its own cache");
    }

    @Override
    public StoreBuilder<WindowAggregateStore<A>> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<WindowAggregateStore<A>> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<WindowAggregateStore<A>> withLoggingDisabled() {
      throw new UnsupportedOperationException("open windows must survive a restart: changelog stays on");
    }

    @Override
    public WindowAggregateStore<A> build() {
      return new WindowAggregateStore<>(inner.build(), aggregation);
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}

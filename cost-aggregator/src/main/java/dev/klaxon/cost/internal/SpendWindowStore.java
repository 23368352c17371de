package dev.klaxon.cost.internal;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.serde.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Open spend windows of one task as live objects, written to a changelogged key-value store only
 * when Kafka Streams commits: the processor's {@code WindowAggregateStore} idea (design §6), for spend.
 *
 * <p>Why: through a key-value store, each event read and wrote its 16 windows, an Avro decode and
 * encode of a {@link SpendWindow} each, most of the stream thread's time. Here an event changes
 * objects in a map and marks them dirty; when Streams prepares a commit it calls
 * {@link #flushCache()} (as for its own caching layer, which is why this implements the internal
 * {@link CachedStateStore}), and the dirty windows are encoded into the inner store, whose
 * changelog writes go into the same transaction as the input offsets and the closed windows. After
 * a crash the inner store is restored as of the last commit and the input re-read from there.
 *
 * <p>Interactive queries read the inner store ({@link ReadOnlyKeyValueStore} of key {@link
 * dev.klaxon.cost.SpendKey} text and {@link SpendWindow}), never the live objects, which only the
 * stream thread may touch: what they see is at most one commit interval behind the live sums, as
 * the changelog is. Keys and values are stored as before (UTF-8 key, embedded Avro), so existing
 * changelogs restore unchanged.
 */
public final class SpendWindowStore implements StateStore, CachedStateStore<Bytes, byte[]>,
    ReadOnlyKeyValueStore<String, SpendWindow> {

  private static final AvroSerde<SpendWindow> VALUES = AvroSerde.embedded(SpendWindow.class);

  private final KeyValueStore<Bytes, byte[]> inner;
  private final Map<String, Slot> open = new HashMap<>();
  private final List<Slot> dirty = new ArrayList<>();
  private final Set<String> removed = new HashSet<>();
  private boolean loaded;

  SpendWindowStore(KeyValueStore<Bytes, byte[]> inner) {
    this.inner = inner;
  }

  /** In-memory or RocksDB inner store as the config says, changelog on, Streams' cache off (this is the cache). */
  public static StoreBuilder<SpendWindowStore> builder(String name, SpendConfig.Stores stores) {
    return new Builder(name, stores);
  }

  // ---- the stream thread's side: live objects ----

  /** The open window, or null; the caller may change it only after {@link #getForUpdate}. */
  public SpendWindow live(String key) {
    loadIfNeeded();
    Slot slot = open.get(key);
    return slot == null ? null : slot.window;
  }

  /** The open window marked as changed (the caller updates it in place), or null. */
  public SpendWindow getForUpdate(String key) {
    loadIfNeeded();
    Slot slot = open.get(key);
    if (slot == null) {
      return null;
    }
    markDirty(slot);
    return slot.window;
  }

  public void put(String key, SpendWindow window) {
    loadIfNeeded();
    Slot slot = new Slot(key, window);
    Slot previous = open.put(key, slot);
    if (previous != null) {
      previous.live = false;
    }
    removed.remove(key);
    markDirty(slot);
  }

  public void remove(String key) {
    loadIfNeeded();
    Slot slot = open.remove(key);
    if (slot != null) {
      slot.live = false;
      removed.add(key);
    }
  }

  /** The open windows by key, as they are now (the stream thread's view). */
  public Map<String, SpendWindow> openWindows() {
    loadIfNeeded();
    Map<String, SpendWindow> windows = new HashMap<>();
    open.forEach((key, slot) -> windows.put(key, slot.window));
    return Collections.unmodifiableMap(windows);
  }

  private void markDirty(Slot slot) {
    if (!slot.dirty) {
      slot.dirty = true;
      dirty.add(slot);
    }
  }

  // Loaded lazily: restoration from the changelog runs after the store's init, before the first record.
  private void loadIfNeeded() {
    if (loaded) {
      return;
    }
    try (KeyValueIterator<Bytes, byte[]> all = inner.all()) {
      while (all.hasNext()) {
        KeyValue<Bytes, byte[]> entry = all.next();
        String key = new String(entry.key.get(), StandardCharsets.UTF_8);
        open.put(key, new Slot(key, VALUES.decode(entry.value)));
      }
    }
    loaded = true;
  }

  @Override
  public void flushCache() {
    for (String key : removed) {
      inner.delete(bytes(key));
    }
    removed.clear();
    for (Slot slot : dirty) {
      slot.dirty = false;
      if (slot.live) {
        inner.put(bytes(slot.key), VALUES.encode(slot.window));
      }
    }
    dirty.clear();
  }

  /** Drops the objects; the next access reloads them from the inner store. */
  @Override
  public void clearCache() {
    open.clear();
    dirty.clear();
    removed.clear();
    loaded = false;
  }

  private static Bytes bytes(String key) {
    return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
  }

  // ---- interactive queries: the inner store, as of the last commit ----

  @Override
  public SpendWindow get(String key) {
    byte[] value = inner.get(bytes(key));
    return value == null ? null : VALUES.decode(value);
  }

  @Override
  public KeyValueIterator<String, SpendWindow> range(String from, String to) {
    return new Decoding(inner.range(from == null ? null : bytes(from), to == null ? null : bytes(to)));
  }

  @Override
  public KeyValueIterator<String, SpendWindow> reverseRange(String from, String to) {
    return new Decoding(inner.reverseRange(from == null ? null : bytes(from), to == null ? null : bytes(to)));
  }

  @Override
  public KeyValueIterator<String, SpendWindow> all() {
    return new Decoding(inner.all());
  }

  @Override
  public KeyValueIterator<String, SpendWindow> reverseAll() {
    return new Decoding(inner.reverseAll());
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<String, SpendWindow> prefixScan(P prefix,
      PS prefixKeySerializer) {
    return new Decoding(inner.prefixScan(prefix, prefixKeySerializer));
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  // ---- the state store ----

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

  /** One open window and whether it changed since the last commit. */
  private static final class Slot {
    final String key;
    final SpendWindow window;
    boolean dirty;
    boolean live = true;

    Slot(String key, SpendWindow window) {
      this.key = key;
      this.window = window;
    }
  }

  private static final class Decoding implements KeyValueIterator<String, SpendWindow> {
    private final KeyValueIterator<Bytes, byte[]> rows;

    Decoding(KeyValueIterator<Bytes, byte[]> rows) {
      this.rows = rows;
    }

    @Override
    public boolean hasNext() {
      return rows.hasNext();
    }

    @Override
    public KeyValue<String, SpendWindow> next() {
      KeyValue<Bytes, byte[]> row = rows.next();
      return KeyValue.pair(new String(row.key.get(), StandardCharsets.UTF_8), VALUES.decode(row.value));
    }

    @Override
    public String peekNextKey() {
      return new String(rows.peekNextKey().get(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  private static final class Builder implements StoreBuilder<SpendWindowStore> {
    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

    Builder(String name, SpendConfig.Stores stores) {
      KeyValueBytesStoreSupplier supplier = stores == SpendConfig.Stores.IN_MEMORY
          ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
      this.inner = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
          .withCachingDisabled().withLoggingEnabled(Map.of());
    }

    @Override
    public StoreBuilder<SpendWindowStore> withCachingEnabled() {
      throw new UnsupportedOperationException("this store is its own cache");
    }

    @Override
    public StoreBuilder<SpendWindowStore> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<SpendWindowStore> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    /** For tests of the window step alone; a running app keeps the changelog, or a restart loses windows. */
    @Override
    public StoreBuilder<SpendWindowStore> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public SpendWindowStore build() {
      return new SpendWindowStore(inner.build());
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

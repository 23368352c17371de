package dev.klaxon.cost.internal;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.runtime.streams.CommitFlushedStore;
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
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Open spend windows of one task as live objects, written to a changelogged key-value store only
 * when Kafka Streams commits: the processor's {@code WindowAggregateStore} idea (design §6), for spend.
 *
 * <p>Why: through a key-value store, each event read and wrote its 16 windows, an Avro decode and
 * encode of a {@link SpendWindow} each, most of the stream thread's time. Here an event changes
 * objects in a map and marks them dirty, and at commit the dirty windows are encoded into the inner
 * store ({@link CommitFlushedStore}: in the same transaction as the input offsets and the closed
 * windows). After a crash the inner store is restored as of the last commit and the input re-read.
 *
 * <p>Interactive queries read the inner store ({@link ReadOnlyKeyValueStore} of key {@link
 * dev.klaxon.cost.SpendKey} text and {@link SpendWindow}), never the live objects, which only the
 * stream thread may touch: what they see is at most one commit interval behind the live sums, as
 * the changelog is. Keys and values are stored as before (UTF-8 key, embedded Avro), so existing
 * changelogs restore unchanged.
 */
public final class SpendWindowStore extends CommitFlushedStore implements ReadOnlyKeyValueStore<String, SpendWindow> {

  private static final AvroSerde<SpendWindow> VALUES = AvroSerde.embedded(SpendWindow.class);

  private final Map<String, Slot> open = new HashMap<>();
  private final List<Slot> dirty = new ArrayList<>();
  private final Set<String> removed = new HashSet<>();
  private boolean loaded;

  SpendWindowStore(KeyValueStore<Bytes, byte[]> inner) {
    super(inner);
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

  private static final class Builder extends CommitFlushedStore.Builder<SpendWindowStore> {

    Builder(String name, SpendConfig.Stores stores) {
      super(stores == SpendConfig.Stores.IN_MEMORY ? Stores.inMemoryKeyValueStore(name)
          : Stores.persistentKeyValueStore(name));
    }

    @Override
    protected SpendWindowStore build(KeyValueStore<Bytes, byte[]> inner) {
      return new SpendWindowStore(inner);
    }

    /** For tests of the window step alone; a running app keeps the changelog, or a restart loses windows. */
    @Override
    public StoreBuilder<SpendWindowStore> withLoggingDisabled() {
      return disableLogging();
    }
  }
}

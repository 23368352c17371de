package dev.klaxon.runtime.streams;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A state store that keeps live objects for its processor and writes them to a changelogged byte
 * store only when Kafka Streams commits: Streams calls {@link #flushCache()} while preparing a commit,
 * as for its own caching layer (which is why this implements the internal {@link CachedStateStore}),
 * so the inner store's changelog writes go into the same transaction as the input offsets and the
 * outputs, and exactly-once holds. After a crash the inner store is restored as of the last commit.
 *
 * <p>Subclasses keep the objects, write the changed ones in {@link #flushCache()} and drop them in
 * {@link #clearCache()}; the store's life cycle is the inner store's.
 */
public abstract class CommitFlushedStore implements StateStore, CachedStateStore<Bytes, byte[]> {

  protected final KeyValueStore<Bytes, byte[]> inner;

  protected CommitFlushedStore(KeyValueStore<Bytes, byte[]> inner) {
    this.inner = inner;
  }

  /** Writes the objects changed since the last commit into {@link #inner}. */
  @Override
  public abstract void flushCache();

  /** Drops the objects; the next access reloads them from {@link #inner}. */
  @Override
  public abstract void clearCache();

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

  /**
   * Builds such a store over an inner byte store with the changelog on and Streams' cache off (the
   * store is its own cache).
   */
  public abstract static class Builder<S extends CommitFlushedStore> implements StoreBuilder<S> {

    private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

    protected Builder(KeyValueBytesStoreSupplier supplier) {
      this.inner = Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray())
          .withCachingDisabled()
          .withLoggingEnabled(Map.of());
    }

    /** The store over a freshly built inner store. */
    protected abstract S build(KeyValueStore<Bytes, byte[]> inner);

    @Override
    public S build() {
      return build(inner.build());
    }

    @Override
    public StoreBuilder<S> withCachingEnabled() {
      throw new UnsupportedOperationException("this store is its own cache");
    }

    @Override
    public StoreBuilder<S> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    /** Refused: what the store holds must survive a restart. A subclass may allow it for tests. */
    @Override
    public StoreBuilder<S> withLoggingDisabled() {
      throw new UnsupportedOperationException("this store must survive a restart: its changelog stays on");
    }

    /** Turns the inner store's changelog off, for a subclass that allows it. */
    protected StoreBuilder<S> disableLogging() {
      inner.withLoggingDisabled();
      return this;
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

package dev.klaxon.processor.internal;

import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.runtime.streams.IdleClock;
import dev.klaxon.runtime.streams.KlaxonSensors;
import dev.klaxon.runtime.streams.OpenWindowPublication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Event-time tumbling windows with grace, each emitted once when it closes (design §6).
 *
 * <p>A window [start, end) closes when the task's stream time (the highest event time it has seen)
 * reaches {@code end + grace}. Events for a closed window are late: counted in the
 * {@code late-events} metric and dropped. A wall-clock punctuation closes windows of partitions
 * that went idle, so the last window of a service that stops sending is still reported (idle as
 * {@link IdleClock} says: nothing processed for {@code idleClose}, 30 s after a start).
 *
 * <p>Open windows (design §6, fast detection): every commit interval (wall clock), the running
 * values of the windows that changed since the last publication go to the open child, as the same
 * record type and key as when they close ({@link WindowAggregation#toOpenRecord}: without the
 * request histogram), so a rule can fire before the window closes. Only
 * changed series are written, each at most once per interval, in the same exactly-once transaction
 * as everything else; a window that closes goes to the closed child instead and is not published
 * as open again. The interval follows the app's {@code commit.interval.ms} ({@link OpenWindowPublication}).
 */
public final class WindowedAggregationProcessor<E, A> implements Processor<String, E, String, SpecificRecord> {

  private final String storeName;
  private final WindowAggregation<E, A> aggregation;
  private final long[] sizesMs;
  private final long graceMs;
  private final Duration punctuateInterval;
  private final String closedChild;
  private final String openChild;

  private final List<String> seriesScratch = new ArrayList<>(4);
  private final java.util.function.Consumer<String> addSeries = seriesScratch::add;

  // The window each series updated last, by the series' hash and window size (direct-mapped: a
  // collision costs only the lookup it would have cost anyway). Nearly every event lands in the
  // window the previous event of its series did; for those this skips the window key and the
  // store's hash lookup (issue 13). Emptied whenever windows close, so it keeps no closed window's
  // aggregate alive for long.
  private static final int RECENT_WINDOWS = 4096;
  @SuppressWarnings("unchecked")
  private final WindowAggregateStore.Slot<A>[] recentWindows = new WindowAggregateStore.Slot[RECENT_WINDOWS];

  private ProcessorContext<String, SpecificRecord> context;
  private WindowAggregateStore<A> store;
  private Sensor lateEvents;
  private long nextCloseAt = Long.MAX_VALUE;
  private final IdleClock idleClock;

  /**
   * @param closedChild child receiving each window once, when it closes
   * @param openChild child receiving running values of changed open windows, once per commit interval
   */
  public WindowedAggregationProcessor(String storeName, WindowAggregation<E, A> aggregation, MetricsConfig config,
      String closedChild, String openChild) {
    this.storeName = storeName;
    this.closedChild = closedChild;
    this.openChild = openChild;
    this.aggregation = aggregation;
    this.sizesMs = config.windowSizes().stream().mapToLong(Duration::toMillis).toArray();
    this.graceMs = config.grace().toMillis();
    this.punctuateInterval = config.punctuateInterval();
    this.idleClock = new IdleClock(config.idleClose().toMillis(), punctuateInterval.toMillis());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    Arrays.fill(recentWindows, null); // another store's windows, if this processor ran before
    this.lateEvents = KlaxonSensors.lateEvents(context, storeName);
    this.nextCloseAt = Long.MIN_VALUE; // unknown until the open windows are looked at
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::closeIdleWindows);
    context.schedule(OpenWindowPublication.interval(context), PunctuationType.WALL_CLOCK_TIME,
        this::publishOpenWindows);
  }

  @Override
  public void process(Record<String, E> record) {
    E event = record.value();
    long timestamp = aggregation.timestampOf(event);
    long streamTime = store.streamTime();
    idleClock.processed(context.currentSystemTimeMs());

    seriesScratch.clear();
    aggregation.forEachSeries(event, addSeries);
    boolean late = false;
    for (long sizeMs : sizesMs) {
      long start = Math.floorDiv(timestamp, sizeMs) * sizeMs;
      long closesAt = start + sizeMs + graceMs;
      if (closesAt <= streamTime) {
        late = true;
        continue;
      }
      for (String series : seriesScratch) {
        aggregation.add(openForUpdate(series, sizeMs, start, closesAt), event);
      }
    }
    if (late) {
      lateEvents.record();
    }
    if (timestamp > streamTime) {
      store.advanceStreamTime(timestamp);
      closeWindowsUpTo(timestamp);
    }
  }

  /** The aggregate of the series' open window, opened if need be, marked as changed. */
  private A openForUpdate(String series, long sizeMs, long start, long closesAt) {
    int at = (series.hashCode() * 31 + Long.hashCode(sizeMs)) & (RECENT_WINDOWS - 1);
    WindowAggregateStore.Slot<A> slot = recentWindows[at];
    if (slot != null && slot.key.start() == start && slot.key.sizeMs() == sizeMs && series.equals(slot.key.series())) {
      A aggregate = store.update(slot);
      if (aggregate != null) {
        return aggregate;
      }
    }
    WindowKey key = new WindowKey(series, sizeMs, start);
    slot = store.slotFor(key);
    if (slot == null) {
      slot = store.open(key, aggregation.newAggregate());
      nextCloseAt = Math.min(nextCloseAt, closesAt);
    }
    recentWindows[at] = slot;
    return store.update(slot);
  }

  /** Running values of the open windows changed since the last call; closed ones were removed already. */
  private void publishOpenWindows(long now) {
    // Stamped with the task's stream time: the event time the running values are current to.
    long streamTime = store.streamTime();
    store.drainChanged((key, aggregate) -> context.forward(
        new Record<>(key.recordKey(), aggregation.toOpenRecord(key, aggregate), Math.max(streamTime, key.start())),
        openChild));
  }

  /** Wall-clock check: only for a partition that has been idle, so backlogs keep event-time order. */
  private void closeIdleWindows(long now) {
    if (!idleClock.isIdle(now)) {
      return;
    }
    long watermark = Long.MIN_VALUE;
    for (WindowKey key : store.openWindows()) {
      long closesAt = key.end() + graceMs;
      if (closesAt <= now) {
        watermark = Math.max(watermark, closesAt);
      }
    }
    if (watermark != Long.MIN_VALUE) {
      store.advanceStreamTime(watermark);
      closeWindowsUpTo(watermark);
    }
  }

  private void closeWindowsUpTo(long watermark) {
    if (nextCloseAt > watermark) {
      return;
    }
    List<WindowKey> closing = new ArrayList<>();
    long next = Long.MAX_VALUE;
    for (WindowKey key : store.openWindows()) {
      long closesAt = key.end() + graceMs;
      if (closesAt <= watermark) {
        closing.add(key);
      } else {
        next = Math.min(next, closesAt);
      }
    }
    // Rollups close with their members (same window), merged before the members go.
    Map<WindowKey, A> closingRollups = store.rollupsOf(closing);
    List<WindowKey> emitting = new ArrayList<>(closing.size() + closingRollups.size());
    emitting.addAll(closing);
    emitting.addAll(closingRollups.keySet());
    // Oldest first, so consumers see windows of a series in order.
    emitting.sort(Comparator.comparingLong(WindowKey::start).thenComparingLong(WindowKey::sizeMs)
        .thenComparing(WindowKey::series));
    for (WindowKey key : emitting) {
      A aggregate = closingRollups.containsKey(key) ? closingRollups.get(key) : store.get(key);
      context.forward(new Record<>(key.recordKey(), aggregation.toRecord(key, aggregate), key.start()), closedChild);
    }
    closing.forEach(store::remove);
    Arrays.fill(recentWindows, null);
    nextCloseAt = next;
  }
}

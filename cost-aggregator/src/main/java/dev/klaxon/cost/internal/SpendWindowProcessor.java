package dev.klaxon.cost.internal;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums cost events into event-time windows of each {@link Granularity}, per (user, provider) and per
 * user ({@code *}), and forwards each window once when it closes.
 *
 * <p>As in the request metrics: a window [start, end) closes when the task's stream time (the
 * highest event time it has seen) reaches {@code end + grace}; an event for a closed window is late
 * and dropped. Stream time is kept in a store so that it, and so which windows are closed, survives
 * a restart. Open windows live in a key-value store keyed like the output record, holding the
 * running {@link SpendWindow}; its {@code costUsd} is a BigDecimal of scale 9, added exactly.
 *
 * <p>Not yet: closing windows of a partition that went idle (wall-clock punctuation) and publishing
 * running totals of open windows (see the module README).
 */
public final class SpendWindowProcessor implements Processor<Object, CostEvent, String, SpendWindow> {

  public static final String ALL_PROVIDERS = "*";
  private static final String STREAM_TIME_KEY = "stream-time";
  private static final int COST_SCALE = 9;

  private final Granularity[] granularities;
  private final long graceMs;
  private final String windowStoreName;
  private final String streamTimeStoreName;
  private final String sink;

  private ProcessorContext<String, SpendWindow> context;
  private KeyValueStore<String, SpendWindow> windows;
  private KeyValueStore<String, Long> streamTimeStore;
  private long streamTime;
  /** Earliest end + grace of the open windows; MIN_VALUE = unknown, look at the store. */
  private long nextCloseAt;

  public SpendWindowProcessor(SpendConfig config, String windowStoreName, String streamTimeStoreName, String sink) {
    this.granularities = config.granularities().toArray(Granularity[]::new);
    this.graceMs = config.grace().toMillis();
    this.windowStoreName = windowStoreName;
    this.streamTimeStoreName = streamTimeStoreName;
    this.sink = sink;
  }

  @Override
  public void init(ProcessorContext<String, SpendWindow> context) {
    this.context = context;
    this.windows = context.getStateStore(windowStoreName);
    this.streamTimeStore = context.getStateStore(streamTimeStoreName);
    Long stored = streamTimeStore.get(STREAM_TIME_KEY);
    this.streamTime = stored == null ? Long.MIN_VALUE : stored;
    this.nextCloseAt = Long.MIN_VALUE;
  }

  @Override
  public void process(Record<Object, CostEvent> record) {
    CostEvent event = record.value();
    long timestamp = event.getTimestamp();
    BigDecimal cost = event.getCostUsd().setScale(COST_SCALE); // valid events have at most 9 places: exact
    for (Granularity granularity : granularities) {
      long start = granularity.startOf(timestamp);
      long end = granularity.endOf(start);
      if (end + graceMs <= streamTime) {
        continue; // late: its window has closed already
      }
      add(event.getUserId(), event.getProvider(), granularity, start, end, cost);
      add(event.getUserId(), ALL_PROVIDERS, granularity, start, end, cost);
      nextCloseAt = nextCloseAt == Long.MIN_VALUE ? Long.MIN_VALUE : Math.min(nextCloseAt, end + graceMs);
    }
    if (timestamp > streamTime) {
      streamTime = timestamp;
      streamTimeStore.put(STREAM_TIME_KEY, streamTime);
      closeWindowsUpTo(streamTime);
    }
  }

  /** The output key: {@code userId|provider|<windowStart ISO-8601>/<granularity>}. */
  public static String recordKey(String userId, String provider, Granularity granularity, long start) {
    return userId + '|' + provider + '|' + Instant.ofEpochMilli(start) + '/' + granularity.label();
  }

  private void add(String userId, String provider, Granularity granularity, long start, long end, BigDecimal cost) {
    String key = recordKey(userId, provider, granularity, start);
    SpendWindow window = windows.get(key);
    if (window == null) {
      window = SpendWindow.newBuilder().setUserId(userId).setProvider(provider).setGranularity(granularity.label())
          .setWindowStart(start).setWindowEnd(end).setCostUsd(cost).setEvents(1).build();
    } else {
      window.setCostUsd(window.getCostUsd().add(cost));
      window.setEvents(window.getEvents() + 1);
    }
    windows.put(key, window);
  }

  private void closeWindowsUpTo(long watermark) {
    if (nextCloseAt != Long.MIN_VALUE && nextCloseAt > watermark) {
      return;
    }
    List<KeyValue<String, SpendWindow>> closing = new ArrayList<>();
    long next = Long.MAX_VALUE;
    try (KeyValueIterator<String, SpendWindow> all = windows.all()) {
      while (all.hasNext()) {
        KeyValue<String, SpendWindow> entry = all.next();
        long closesAt = entry.value.getWindowEnd() + graceMs;
        if (closesAt <= watermark) {
          closing.add(entry);
        } else {
          next = Math.min(next, closesAt);
        }
      }
    }
    // Oldest first, shorter windows before the longer ones starting with them, then by key.
    closing.sort(Comparator.<KeyValue<String, SpendWindow>>comparingLong(kv -> kv.value.getWindowStart())
        .thenComparingLong(kv -> kv.value.getWindowEnd()).thenComparing(kv -> kv.key));
    for (KeyValue<String, SpendWindow> entry : closing) {
      context.forward(new Record<>(entry.key, entry.value, entry.value.getWindowStart()), sink);
      windows.delete(entry.key);
    }
    nextCloseAt = next;
  }
}

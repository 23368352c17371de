package dev.klaxon.cost.internal;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.cost.SpendKey;
import dev.klaxon.runtime.streams.IdleClock;
import dev.klaxon.runtime.streams.KlaxonSensors;
import dev.klaxon.runtime.streams.OpenWindowPublication;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.SpendWindow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the cost events of one {@link SpendSeries} kind into event-time windows of each
 * {@link Granularity}, per provider and for all providers ({@code *}), and forwards each window once
 * when it closes. Its input is partitioned by the series' owner, so this task holds every window of
 * the series it sees.
 *
 * <p><b>When a window closes: a watermark per upstream partition.</b> A window [start, end) closes
 * when the task's <em>close time</em> reaches {@code end + grace}; an event for a closed window is
 * late, counted in {@code late-events} and dropped. The close time is not the highest event time
 * seen (Kafka Streams' stream time, which the request metrics use): this task reads a repartition
 * topic, into which every partition of {@code klaxon.costs} writes, interleaved at the pace of its own
 * upstream task. After downtime with an uneven backlog one upstream partition can be an hour ahead
 * of another; with one stream time the lagging partition's events would all be late, and money would
 * depend on how the catch-up interleaved. So each record carries its source partition
 * ({@link SourcePartition}, stamped before the repartition; Streams passes headers through), and the
 * task keeps per source the highest event time seen, its watermark ({@link SourceWatermarks}). The
 * close time is the lowest watermark of the <em>active</em> sources: a lagging source holds windows
 * back until it catches up. A source that sent nothing for {@code idleClose} (wall clock, with
 * {@link IdleClock}'s stall rule) stops holding them back, like Kafka Streams' {@code max.task.idle.ms}:
 * otherwise a source that stopped sending to this partition would keep every window open forever;
 * a source that comes back later than that is late, as any event after its window closed. When every
 * source is idle, the wall-clock close below applies. Which sources exist: every partition of the
 * input when its count is known ({@link SpendConfig#inputPartitions()}), so that at a first start the
 * first partition read does not close windows that another one's backlog still holds events for;
 * and any source heard from. A partition that never sends to this task is idle after the start wait.
 *
 * <p>The close time and the watermarks are kept in the stream-time store, so that which windows are
 * closed survives a restart (the close time is written whenever it moves, in the transaction of the
 * windows it closed; key {@code stream-time}, as before watermarks existed, with the same meaning).
 * The watermarks are written at most once per commit interval: one that is older than the truth
 * after a crash only holds windows back a little longer, it never reopens one. After a restart every
 * source known from the store counts as active from the start, so a lagging source holds windows
 * back until it catches up or idles ({@link IdleClock#STARTUP_IDLE_MS} at least).
 *
 * <p>A wall-clock punctuation closes the windows of a task that went idle ({@link IdleClock}), so the
 * last window of a user who stops spending is still reported. In a replay, where idle close is off,
 * the end markers close the range's last windows: one per (input partition, repartition partition),
 * so that every source's watermark in every task passes the range's end.
 *
 * <p>Open windows live in a {@link SpendWindowStore} keyed like the output record ({@link SpendKey}):
 * live {@link SpendWindow} objects, written to its changelogged store at each commit, which
 * interactive queries read (at most one commit interval behind). Running totals of
 * open day and month windows go to the open child every commit interval, only those that changed
 * since the last publication: budgets are per day and month and cannot wait for the window to close;
 * minute and hour windows close soon enough.
 *
 * <p>Overflow: {@code costUsd} is a decimal(20, 9), at most 99,999,999,999.999999999. An event that
 * would take any of its windows past that is dead-lettered with an error naming costUsd and the
 * window, counted in {@code spend-overflows}, and summed in none of this kind's windows, so the
 * minute, hour, day and month windows of a series keep adding up. Neither crashing (a stuck app,
 * every restart failing on the same record) nor capping (a silently wrong total) is acceptable for
 * money; a total that large is a unit mistake upstream, and the dead letter shows it. Each kind
 * decides for its own windows: an event refused for a user's month may still count for its service.
 */
public final class SpendWindowProcessor implements Processor<Object, ValidCost, Object, Object> {

  /** Provider of the all-providers series. Kept for readers of the first slice; see {@link SpendKey#ALL}. */
  public static final String ALL_PROVIDERS = SpendKey.ALL;
  /** The close time's key in the stream-time store (named before watermarks existed; the meaning is the same). */
  private static final String CLOSE_TIME_KEY = "stream-time";
  private static final String WATERMARK_KEY_PREFIX = "source-";

  private final SpendSeries series;
  private final Granularity[] granularities;
  private final boolean[] publishedOpen;
  private final long graceMs;
  private final int inputPartitions;
  private final Duration punctuateInterval;
  private final IdleClock idleClock;
  private final String windowStoreName;
  private final String streamTimeStoreName;
  private final String closedChild;
  private final String openChild;
  private final String overflowChild;
  private final CloseSchedule schedule = new CloseSchedule();
  private final SourceWatermarks watermarks;
  /** Open day and month windows changed since their last publication. */
  private final Set<String> changedOpen = new LinkedHashSet<>();
  // Scratch for one event: its windows are checked for overflow before any is changed.
  private final String[] keys;
  // Per granularity, the window part of the keys of the last window start seen.
  private final long[] windowTextStarts;
  private final String[] windowTexts;
  private final SpendWindow[] windowsOfEvent;
  private final boolean[] created;
  private final boolean[] publish;

  private ProcessorContext<Object, Object> context;
  private SpendWindowStore windows;
  private KeyValueStore<String, Long> streamTimeStore;
  private Sensor lateEvents;
  private Sensor overflows;
  /** Windows whose end + grace is at or before this are closed. */
  private long closeTime;
  /** The highest event time seen (the time running totals are current to). */
  private long latestEventTime;

  public SpendWindowProcessor(SpendSeries series, SpendConfig config, String windowStoreName,
      String streamTimeStoreName, String closedChild, String openChild, String overflowChild) {
    this.series = series;
    this.granularities = config.granularities().toArray(Granularity[]::new);
    this.publishedOpen = new boolean[granularities.length];
    for (int i = 0; i < granularities.length; i++) {
      publishedOpen[i] = granularities[i] == Granularity.DAY || granularities[i] == Granularity.MONTH;
    }
    this.graceMs = config.grace().toMillis();
    this.inputPartitions = config.inputPartitions();
    this.punctuateInterval = config.punctuateInterval();
    this.idleClock = new IdleClock(config.idleClose().toMillis(), punctuateInterval.toMillis());
    this.watermarks = new SourceWatermarks(config.idleClose().toMillis(), punctuateInterval.toMillis());
    this.windowStoreName = windowStoreName;
    this.streamTimeStoreName = streamTimeStoreName;
    this.closedChild = closedChild;
    this.openChild = openChild;
    this.overflowChild = overflowChild;
    this.keys = new String[2 * granularities.length];
    this.windowTextStarts = new long[granularities.length];
    java.util.Arrays.fill(windowTextStarts, Long.MIN_VALUE);
    this.windowTexts = new String[granularities.length];
    this.windowsOfEvent = new SpendWindow[keys.length];
    this.created = new boolean[keys.length];
    this.publish = new boolean[keys.length];
  }

  /** The key of a user's window. Kept for readers of the first slice; see {@link SpendKey}. */
  public static String recordKey(String userId, String provider, Granularity granularity, long start) {
    return SpendKey.ofUser(userId, provider, granularity, start).format();
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.windows = context.getStateStore(windowStoreName);
    this.streamTimeStore = context.getStateStore(streamTimeStoreName);
    this.lateEvents = KlaxonSensors.lateEvents(context, windowStoreName);
    this.overflows = KlaxonSensors.counter(context, windowStoreName, "spend-overflows");
    Long stored = streamTimeStore.get(CLOSE_TIME_KEY);
    this.closeTime = stored == null ? Long.MIN_VALUE : stored;
    this.latestEventTime = closeTime;
    try (KeyValueIterator<String, Long> sources = streamTimeStore.prefixScan(WATERMARK_KEY_PREFIX,
        new StringSerializer())) {
      while (sources.hasNext()) {
        KeyValue<String, Long> source = sources.next();
        watermarks.restore(Integer.parseInt(source.key.substring(WATERMARK_KEY_PREFIX.length())), source.value);
      }
    }
    for (int partition = 0; partition < inputPartitions; partition++) {
      watermarks.expect(partition);
    }
    // Processors start after their stores are restored: the schedule is rebuilt from what is open.
    windows.openWindows().forEach((key, window) -> schedule.add(window.getWindowEnd() + graceMs, key));
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::closeIfIdle);
    context.schedule(OpenWindowPublication.interval(context), PunctuationType.WALL_CLOCK_TIME, this::publishOpen);
  }

  @Override
  public void process(Record<Object, ValidCost> record) {
    long now = context.currentSystemTimeMs();
    idleClock.processed(now);
    CostEvent event = record.value().event();
    long timestamp = event.getTimestamp();
    BigDecimal cost = event.getCostUsd().setScale(SpendWindows.COST_SCALE); // valid: at most 9 places, exact
    int count = 0;
    boolean late = false;
    for (int g = 0; g < granularities.length; g++) {
      long start = granularities[g].startOf(timestamp);
      if (granularities[g].endOf(start) + graceMs <= closeTime) {
        late = true; // its window of this size has closed already
        continue;
      }
      if (windowTextStarts[g] != start) { // formatting the instant was a tenth of the thread (issue 10)
        windowTextStarts[g] = start;
        windowTexts[g] = SpendKey.windowText(granularities[g], start);
      }
      for (int p = 0; p < 2; p++) {
        String provider = p == 0 ? event.getProvider() : SpendKey.ALL;
        String text = series.keyText(event, provider, windowTexts[g]);
        SpendWindow window = windows.getForUpdate(text);
        SpendWindow adding = window == null ? SpendWindows.open(series.key(event, provider, granularities[g], start))
            : window;
        if (SpendWindows.wouldOverflow(adding, cost)) {
          deadLetterOverflow(record, series.key(event, provider, granularities[g], start), adding, cost);
          return;
        }
        keys[count] = text;
        windowsOfEvent[count] = adding;
        created[count] = window == null;
        publish[count] = publishedOpen[g];
        count++;
      }
    }
    if (late) {
      lateEvents.record();
    }
    for (int i = 0; i < count; i++) {
      SpendWindows.add(windowsOfEvent[i], event, cost);
      if (created[i]) {
        windows.put(keys[i], windowsOfEvent[i]);
        schedule.add(windowsOfEvent[i].getWindowEnd() + graceMs, keys[i]);
      }
      if (publish[i]) {
        changedOpen.add(keys[i]);
      }
    }
    latestEventTime = Math.max(latestEventTime, timestamp);
    if (watermarks.heard(SourcePartition.of(record.headers()), timestamp, now)) {
      closeUpTo(watermarks.low());
    }
  }

  private void deadLetterOverflow(Record<Object, ValidCost> record, SpendKey key, SpendWindow window,
      BigDecimal cost) {
    ArithmeticException error = new ArithmeticException("costUsd " + cost.toPlainString() + " would take window "
        + key + " from " + window.getCostUsd().toPlainString() + " beyond decimal(20, 9), at most "
        + SpendWindows.MAX_COST_USD.toPlainString() + "; not summed in any "
        + series.name().toLowerCase(Locale.ROOT) + " window");
    RecordMetadata source = context.recordMetadata().orElseThrow();
    byte[] owner = series.owner(record.value().event()).getBytes(StandardCharsets.UTF_8);
    context.forward(new Record<Object, Object>(owner, record.value().bytes(), record.timestamp(),
        DeadLetterHeaders.describe(record.headers(), error, source.topic(), source.partition(), source.offset())),
        overflowChild);
    overflows.record();
  }

  /**
   * Wall-clock check: sources silent for idleClose stop holding windows back; and when every source is
   * idle and so is the task, windows due by the wall clock close (only then, so backlogs keep event-time
   * order: a source still active may have records on the way, e.g. while its upstream task moves).
   */
  private void closeIfIdle(long now) {
    if (watermarks.checkIdle(now)) {
      closeUpTo(watermarks.low());
    }
    boolean taskIdle = idleClock.isIdle(now); // asked at every check: it tells a stall by late checks
    if (!taskIdle || watermarks.anyActive()) {
      return;
    }
    Long due = schedule.latestDueBy(now);
    if (due != null) {
      closeUpTo(due);
    }
  }

  private void closeUpTo(long time) {
    if (time <= closeTime) {
      return;
    }
    closeTime = time;
    latestEventTime = Math.max(latestEventTime, time);
    streamTimeStore.put(CLOSE_TIME_KEY, time);
    for (String key : schedule.takeDue(time)) {
      SpendWindow window = windows.live(key);
      if (window != null) {
        context.forward(new Record<Object, Object>(key, window, window.getWindowStart()), closedChild);
        windows.remove(key);
      }
      changedOpen.remove(key);
    }
  }

  /** Running totals of the open day and month windows changed since the last call; closed ones are gone. */
  private void publishOpen(long now) {
    // Watermarks go to the store at this pace, not per event: see the class comment for why that is safe.
    watermarks.drainChanged((partition, watermark) -> streamTimeStore.put(WATERMARK_KEY_PREFIX + partition, watermark));
    for (String key : changedOpen) {
      SpendWindow window = windows.live(key);
      if (window != null) { // stamped with the event time the total is current to
        context.forward(new Record<Object, Object>(key, window, Math.max(latestEventTime, window.getWindowStart())),
            openChild);
      }
    }
    changedOpen.clear();
  }
}

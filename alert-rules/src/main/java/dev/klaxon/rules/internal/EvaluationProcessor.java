package dev.klaxon.rules.internal;

import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.EvaluatorMetrics;
import dev.klaxon.rules.Metric;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.rules.internal.AlertState.Status;
import dev.klaxon.schemas.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The evaluator's one task: metric windows (keyed by service) in, alert transitions out, state in
 * two stores changed in the same transaction as the output.
 *
 * <ul>
 *   <li>{@code alert-state}: fingerprint → {@link AlertState}, one per rule and {@code by} labels.
 *   <li>{@code last-seen}: {@code service|environment} → wall-clock ms of the series' last window, what
 *       {@code absent} rules measure silence from. Restored with the store after a restart.
 *   <li>{@code spend-history}, {@code cost-per-request-pairs}: what spend rules remember ({@link SpendRules}).
 * </ul>
 *
 * A window is evaluated by every rule of its source that selects its series; spend windows, and request
 * windows for cost per request, by the spend rules. A wall-clock punctuation checks absent rules, decides
 * closed windows' transitions that waited long enough for the window's other series, and on its first run
 * after start resolves alerts whose rule is gone.
 */
public final class EvaluationProcessor implements Processor<String, byte[], String, Alert> {

  public static final String ALERT_STATE_STORE = "alert-state";
  public static final String LAST_SEEN_STORE = "last-seen";
  public static final String SPEND_HISTORY_STORE = "spend-history";
  public static final String COST_PER_REQUEST_STORE = "cost-per-request-pairs";
  /** Inactive alert state of a series that sent nothing for this long is forgotten. */
  private static final long SWEEP_EVERY_MS = Duration.ofMinutes(1).toMillis();
  /**
   * How long a closed window's transition waits for the window's other series (they close together in
   * the processor, usually in one transaction) before it is decided on what arrived: a series with
   * nothing in the window sends no record at all.
   */
  static final Duration PARTIAL_WINDOW_SETTLE = Duration.ofSeconds(5);

  private final Map<String, Rule> rulesByName = new LinkedHashMap<>();
  private final List<AlertStateMachine> requestRules = new ArrayList<>();
  private final List<AlertStateMachine> logRules = new ArrayList<>();
  private final List<AlertStateMachine> absentRules = new ArrayList<>();
  private final Map<String, AlertStateMachine> windowRulesByName = new LinkedHashMap<>();
  private final SpendRules spendRules;
  private final MetricRecord.Decoder decoder;
  private final EvaluatorMetrics metrics;
  private final long windowMs;
  private final long lookbackMs;
  private final Duration punctuateInterval;

  private ProcessorContext<String, Alert> context;
  private KeyValueStore<String, AlertState> states;
  private KeyValueStore<String, Long> lastSeen;
  private AlertStore alerts;
  private static final long UNSET = Long.MIN_VALUE;
  private long startedAt;
  private boolean orphansResolved;
  private long lastSweep;

  public EvaluationProcessor(RuleSet rules, EvaluatorConfig config, MetricRecord.Decoder decoder,
      EvaluatorMetrics metrics) {
    this.decoder = decoder;
    this.metrics = metrics;
    this.windowMs = config.windowSize().toMillis();
    this.lookbackMs = config.absentLookback().toMillis();
    this.punctuateInterval = config.punctuateInterval();
    for (Rule rule : rules.rules()) {
      rulesByName.put(rule.name(), rule);
      AlertStateMachine machine = new AlertStateMachine(rule, config.windowSize());
      switch (rule.metric().source()) {
        case REQUESTS -> {
          requestRules.add(machine);
          windowRulesByName.put(rule.name(), machine);
        }
        case LOGS -> {
          logRules.add(machine);
          windowRulesByName.put(rule.name(), machine);
        }
        case ABSENCE -> absentRules.add(machine);
        default -> { } // spend rules: SpendRules
      }
    }
    this.spendRules = new SpendRules(rules);
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.states = context.getStateStore(ALERT_STATE_STORE);
    this.lastSeen = context.getStateStore(LAST_SEEN_STORE);
    this.alerts = new AlertStore(states, this::emit);
    spendRules.init(alerts, context.getStateStore(SPEND_HISTORY_STORE), context.getStateStore(COST_PER_REQUEST_STORE));
    // The wall clock is not reliably current during init (nor in TopologyTestDriver): the task's
    // start is taken at its first record or punctuation instead.
    this.startedAt = UNSET;
    context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    MetricInput input = decoder.decodeWrapped(record.value(), record.timestamp());
    long now = context.currentSystemTimeMs();
    started(now);
    if (input instanceof SpendSample spend) {
      spendRules.onSpend(spend, now, record.timestamp());
      return;
    }
    WindowSample window = (WindowSample) input;
    markSeen(window, now);
    spendRules.onRequests(window, now, record.timestamp());
    if (window.sizeMs() != windowMs) {
      return; // rules count windows of one size; other sizes only show the service is alive
    }
    metrics.windowEvaluated(window.closed());
    for (AlertStateMachine machine : window.source() == Metric.Source.REQUESTS ? requestRules : logRules) {
      Rule rule = machine.rule();
      if (rule.selects(window.series())) {
        alerts.evaluate(machine, window, window.sample(rule), now, record.timestamp());
      }
    }
  }

  /** Every transition leaves here: to {@code klaxon.alerts}, counted. */
  private void emit(String fingerprint, Alert alert, long timestamp) {
    context.forward(new Record<>(fingerprint, alert, timestamp));
    metrics.transitionWritten(alert);
  }

  /**
   * A closed window says the series was alive until its end (it arrives up to a window and a grace
   * later); an open one says it is alive now.
   */
  private void markSeen(WindowSample window, long now) {
    String key = window.service() + '|' + (window.environment() == null ? "" : window.environment());
    long seen = window.closed() ? Math.min(now, window.windowEnd()) : now;
    Long previous = lastSeen.get(key);
    if (previous == null || previous < seen) {
      lastSeen.put(key, seen);
    }
  }

  private void started(long now) {
    if (startedAt == UNSET) {
      startedAt = now;
      lastSweep = now;
    }
  }

  private void punctuate(long now) {
    started(now);
    if (!orphansResolved) {
      resolveOrphans(now);
      orphansResolved = true;
    }
    checkSilences(now);
    alerts.settleWaiting(windowRulesByName, PARTIAL_WINDOW_SETTLE, now);
    if (now - lastSweep >= SWEEP_EVERY_MS) {
      forgetQuietAlerts(now);
      spendRules.sweep(now);
      lastSweep = now;
    }
  }

  /**
   * Alerts of rules removed from the file (or whose {@code by} changed) resolve; their state goes. The
   * others' waiting transitions (restored state) are tracked again.
   */
  private void resolveOrphans(long now) {
    List<KeyValue<String, AlertState>> orphans = new ArrayList<>();
    try (KeyValueIterator<String, AlertState> all = states.all()) {
      all.forEachRemaining(entry -> {
        Rule rule = rulesByName.get(entry.value.rule());
        if (rule == null || !makes(rule, entry.key, entry.value)) {
          orphans.add(entry);
        } else {
          alerts.track(entry.key, entry.value);
        }
      });
    }
    for (KeyValue<String, AlertState> orphan : orphans) {
      if (orphan.value.status() == Status.FIRING) {
        emit(orphan.key, AlertStateMachine.resolveOrphan(orphan.key, orphan.value, now,
            "rule " + orphan.value.rule() + " was removed or changed"), now);
      }
      states.delete(orphan.key);
    }
  }

  private static boolean makes(Rule rule, String fingerprint, AlertState state) {
    Set<String> expected = new HashSet<>(rule.by());
    expected.add("alertname");
    return state.labels().keySet().equals(expected) && rule.fingerprint(state.labels()).equals(fingerprint);
  }

  /**
   * Absent rules: each alert's silence is the time since the newest window of the series it covers,
   * counted from this task's start at the earliest (a restart, however long, is no silence of the
   * services: they get one rule duration of grace). Services not seen within the lookback are forgotten.
   */
  private void checkSilences(long now) {
    Map<String, SilentAlert> alerts = new LinkedHashMap<>();
    Map<String, SilentAlert> forgotten = new LinkedHashMap<>();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = lastSeen.all()) {
      all.forEachRemaining(entry -> {
        Map<String, String> series = series(entry.key);
        boolean known = entry.value >= now - lookbackMs;
        if (!known) {
          expired.add(entry.key);
        }
        for (AlertStateMachine machine : absentRules) {
          if (machine.rule().selects(series)) {
            String fingerprint = machine.rule().fingerprint(series);
            (known ? alerts : forgotten).merge(fingerprint, new SilentAlert(machine, series, entry.value),
                (a, b) -> a.seen >= b.seen ? a : b);
          }
        }
      });
    }
    expired.forEach(lastSeen::delete);
    alerts.forEach((fingerprint, alert) -> {
      AlertState state = states.get(fingerprint);
      if (state == null) {
        state = AlertState.of(alert.machine.rule().name(), alert.machine.rule().alertLabels(alert.series));
      }
      Duration silence = Duration.ofMillis(Math.max(0, now - Math.max(alert.seen, startedAt)));
      Optional<Alert> transition = alert.machine.onSilence(fingerprint, state, silence, now);
      transition.ifPresent(a -> emit(fingerprint, a, now));
      if (state.status() == Status.INACTIVE) {
        if (transition.isPresent()) {
          states.delete(fingerprint);
        }
      } else if (transition.isPresent()) {
        state.updatedAt = now;
        states.put(fingerprint, state);
      }
    });
    forgotten.keySet().removeAll(alerts.keySet());
    forgotten.forEach((fingerprint, alert) -> {
      AlertState state = states.get(fingerprint);
      if (state != null) {
        if (state.status() == Status.FIRING) {
          emit(fingerprint, AlertStateMachine.resolveOrphan(fingerprint, state, now,
              "not seen for " + Duration.ofMillis(lookbackMs) + ": forgotten"), now);
        }
        states.delete(fingerprint);
      }
    });
  }

  /** Inactive state not updated within the lookback (a series that went away) is dropped. */
  private void forgetQuietAlerts(long now) {
    StoreSweep.deleteWhere(states, state -> state.isQuiet() && state.updatedAt() < now - lookbackMs);
  }

  private static Map<String, String> series(String lastSeenKey) {
    int bar = lastSeenKey.indexOf('|');
    Map<String, String> series = new LinkedHashMap<>();
    series.put("service", lastSeenKey.substring(0, bar));
    if (bar < lastSeenKey.length() - 1) {
      series.put("environment", lastSeenKey.substring(bar + 1));
    }
    return series;
  }

  private record SilentAlert(AlertStateMachine machine, Map<String, String> series, long seen) {}
}

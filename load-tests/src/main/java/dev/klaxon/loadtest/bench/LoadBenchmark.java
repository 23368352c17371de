package dev.klaxon.loadtest.bench;

import dev.klaxon.cost.CostAggregator;
import dev.klaxon.cost.CostSettings;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.loadtest.bench.DetectionRouting.Variant;
import dev.klaxon.loadtest.load.AlertScoring;
import dev.klaxon.loadtest.load.BreachTracker;
import dev.klaxon.loadtest.load.IncidentInjector;
import dev.klaxon.loadtest.load.IncidentKind;
import dev.klaxon.loadtest.load.LoadProfile;
import dev.klaxon.loadtest.load.LoadReport;
import dev.klaxon.loadtest.load.LoadSummary;
import dev.klaxon.loadtest.load.ProfileRules;
import dev.klaxon.loadtest.load.QuantileAccuracy;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.rules.AlertEvaluator;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.EvaluatorSettings;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.config.Durations;
import dev.klaxon.sink.AlertSink;
import dev.klaxon.sink.SinkSettings;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code klaxon bench load}: the real roles (processor, rules, cost aggregator, alert sink to a local
 * webhook) on one broker, traffic from a {@link LoadProfile} at wall-clock time with its incidents
 * injected, then alert quality, detection, quantile accuracy and lag from what the pipeline wrote; then,
 * if the profile asks, ingest and processor throughput ({@link GatewayBenchmark}, {@link ProcessorBenchmark})
 * on the same broker and the heap per series ({@link MemoryBenchmark}).
 */
public final class LoadBenchmark {

  /** @param bootstrapServers external cluster, or null for an embedded broker */
  public record Options(LoadProfile profile, String profileName, String bootstrapServers) {}

  private static final long TICK_MS = 10;
  private static final int PARTITIONS = 3;
  private static final long MIN_ACCURACY_COUNT = 100;

  private final Options options;
  private final PrintStream out;

  public LoadBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public LoadReport run() throws Exception {
    LoadProfile profile = options.profile();
    RuleSet rules = ProfileRules.build(profile.rules());
    String loadBefore = DetectionBenchmark.loadAverage();
    long startedAt = System.currentTimeMillis();
    try (BenchKafka kafka = BenchKafka.connect(options.bootstrapServers())) {
      String bootstrap = kafka.bootstrapServers();
      Pipeline pipeline = runPipeline(profile, rules, bootstrap);
      List<String> notes = new ArrayList<>();
      LoadReport.Throughput throughput = null;
      if (profile.benchmarks() != null) {
        try {
          throughput = throughput(profile, bootstrap);
        } catch (Exception e) {
          // The detection run's figures stand on their own; say what failed rather than lose them.
          notes.add("throughput benchmarks failed: " + e);
          out.printf("  throughput benchmarks failed: %s%n", e);
        }
      }
      LoadReport.Memory memory = memory(profile);
      LoadReport report = new LoadReport(options.profileName(), startedAt,
          new LoadReport.Machine(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
              loadBefore, DetectionBenchmark.loadAverage(),
              options.bootstrapServers() == null ? "embedded" : "external"),
          pipeline.traffic, pipeline.quality, LoadReport.DetectionTarget.of(pipeline.quality), pipeline.accuracy,
          pipeline.lag, throughput, memory, pipeline.sent,
          pipeline.transitions, pipeline.notifications, notes);
      LoadSummary.print(report, out);
      return report;
    }
  }

  /** What the detection run produced. */
  private record Pipeline(LoadReport.Traffic traffic, AlertScoring.Quality quality, QuantileAccuracy.Result accuracy,
      LoadReport.Lag lag, List<LoadReport.SentSecond> sent, List<AlertScoring.Transition> transitions,
      List<AlertScoring.Notified> notifications) {}

  private Pipeline runPipeline(LoadProfile profile, RuleSet rules, String bootstrap) throws Exception {
    Path stateDir = Files.createTempDirectory("klaxon-bench-load");
    String runId = "load-" + System.currentTimeMillis();
    Topics topics = new Topics(runId + ".");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        WebhookRecorder webhook = WebhookRecorder.start()) {
      new TopicCreator(admin).create(TopicCreator.klaxonTopics(topics, PARTITIONS)); // returns once led
      DetectionRouting routing = DetectionRouting.of(List.of(Variant.B),
          (variant, receiver) -> webhook.url("/" + (variant == null ? "unrouted" : variant.id) + "/" + receiver));
      SinkSettings sinkSettings = SinkSettings.defaults(bootstrap).withTopics(topics).withGroupId(runId + "-sink")
          .withPorts(-1, -1).withIntegrations(stats -> Integrations.create(HttpClient.newHttpClient(),
              routing.environment()::get, stats).byType());
      MetricsConfig metrics = MetricsConfig.defaults(topics).withWindows(List.of(profile.window()), profile.grace());
      out.printf("load test: profile %s, %.0f requests/s for %s, %d services, %d incidents, %s windows; %s broker%n",
          options.profileName(), profile.requestsPerSecond(), Durations.format(profile.duration()),
          profile.services().size(), profile.incidents().size(), Durations.format(profile.window()),
          options.bootstrapServers() == null ? "embedded" : "external");
      try (MetricsProcessor processor = MetricsProcessor.start(metrics,
              ProcessorSettings.defaults(bootstrap, stateDir.resolve("processor")).withApplicationId(runId + "-metrics"));
          AlertEvaluator evaluator = AlertEvaluator.start(rules, "the load profile's rules",
              EvaluatorConfig.defaults(topics).withWindowSize(profile.window()),
              EvaluatorSettings.defaults(bootstrap, stateDir.resolve("rules")).withApplicationId(runId + "-rules"));
          CostAggregator cost = CostAggregator.start(SpendConfig.defaults(topics),
              CostSettings.defaults(bootstrap, stateDir.resolve("cost")).withApplicationId(runId + "-cost"));
          AlertSink sink = AlertSink.start(SinkConfig.parse(routing.yaml()), sinkSettings);
          PipelineWatch watch = new PipelineWatch(bootstrap, topics, null);
          KafkaProducer<String, byte[]> producer = DetectionBenchmark.producer(bootstrap)) {
        DetectionBenchmark.awaitUntil(Duration.ofSeconds(120), "the processor, rules, cost role and sink to start",
            () -> processor.state() == KafkaStreams.State.RUNNING && evaluator.state() == KafkaStreams.State.RUNNING
                && cost.state() == KafkaStreams.State.RUNNING && sink.isReady());
        out.printf("  roles started; load average %s%n", DetectionBenchmark.loadAverage());
        return drive(profile, rules, topics, producer, watch, webhook);
      }
    }
  }

  private Pipeline drive(LoadProfile profile, RuleSet rules, Topics topics, KafkaProducer<String, byte[]> producer,
      PipelineWatch watch, WebhookRecorder webhook) throws InterruptedException {
    long start = System.currentTimeMillis();
    long end = start + profile.duration().toMillis();
    TrafficGenerator generator = new TrafficGenerator(profile.traffic(), 1, start);
    IncidentInjector injector = new IncidentInjector(profile, start, 2);
    BreachTracker breaches = new BreachTracker(rules, profile.window());
    QuantileAccuracy accuracy = new QuantileAccuracy(profile.window().toMillis());
    Map<Long, Long> perSecond = new TreeMap<>();
    long[] sent = new long[2];
    AtomicInteger failures = new AtomicInteger();
    EventSink sink = new EventSink() {
      @Override
      public void request(RequestEvent event) {
        if (injector.apply(event)) {
          accuracy.record(event.getService(), event.getTimestamp(), event.getDurationMs());
          perSecond.merge(event.getTimestamp() / 1000, 1L, Long::sum);
          breaches.request(event);
          send(event);
          sent[0]++;
        }
      }

      @Override
      public void log(LogEvent event) {
        throw new IllegalStateException("load profiles generate no logs");
      }

      @Override
      public void cost(CostEvent event) {
        if (injector.apply(event)) {
          breaches.cost(event);
          send(event);
          sent[1]++;
        }
      }

      private void send(org.apache.avro.specific.SpecificRecord event) {
        producer.send(InputRecords.toProducerRecord(topics, event), (metadata, e) -> {
          if (e != null) {
            failures.incrementAndGet();
          }
        });
      }
    };
    // Traffic goes on after the schedule until every incident that should alert has alerted and been
    // notified, or settle has passed: stopping it would make every service look silent.
    Duration slack = profile.window().multipliedBy(2).plus(profile.grace()).plusSeconds(30);
    long settleUntil = end + profile.settle().toMillis();
    long nextReport = start + 30_000;
    long nextSettleCheck = end;
    while (true) {
      long now = System.currentTimeMillis();
      if (now >= end && now >= nextSettleCheck) {
        if (now >= settleUntil || settled(targets(profile, rules, injector), watch, webhook, breaches, slack, end)) {
          break;
        }
        nextSettleCheck = now + 500;
      }
      generator.emitUntil(now + 1, sink);
      if (now >= nextReport) {
        out.printf("  %3d s: %,d requests, %,d cost events, %d alert transitions; load average %s%n",
            (now - start) / 1000, sent[0], sent[1], watch.transitions().size(), DetectionBenchmark.loadAverage());
        nextReport += 30_000;
      }
      Thread.sleep(TICK_MS);
    }
    long stopped = System.currentTimeMillis();
    breaches.finish(stopped);
    producer.flush();
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " sends failed");
    }
    out.printf("  traffic done: %,d requests, %,d cost events in %.0f s (%.0f s after the schedule, settle %s)%n",
        sent[0], sent[1], (stopped - start) / 1000.0, (stopped - end) / 1000.0, Durations.format(profile.settle()));
    List<AlertScoring.Target> targets = targets(profile, rules, injector);

    AlertScoring.Quality quality = score(targets, watch, webhook, breaches, slack);
    List<PipelineWatch.ClosedWindow> closed = watch.closedWindows();
    QuantileAccuracy.Result accuracyResult = accuracy.compare(closed.stream()
        .map(w -> new QuantileAccuracy.KlaxonWindow(w.service(), w.windowStart(), w.count(), w.p50(), w.p95(), w.p99()))
        .toList(), MIN_ACCURACY_COUNT);
    LoadReport.Lag lag = new LoadReport.Lag(
        LoadReport.Percentiles.of(watch.openWindows().stream()
            .map(w -> (double) (w.arrivedAtMs() - w.recordTimestamp())).toList()),
        LoadReport.Percentiles.of(closed.stream().map(w -> (double) (w.arrivedAtMs() - w.windowEnd())).toList()),
        LoadReport.Percentiles.of(quality.detections().stream().filter(AlertScoring.Detection::detected)
            .map(d -> d.alertSeconds() * 1000).toList()),
        LoadReport.Percentiles.of(quality.detections().stream().filter(d -> d.breachToAlertSeconds() != null)
            .map(d -> d.breachToAlertSeconds() * 1000).toList()),
        profile.grace().toMillis());
    int routes = profile.services().stream().mapToInt(s -> s.routes().size()).sum();
    LoadReport.Traffic traffic = new LoadReport.Traffic(start, stopped, sent[0], sent[1],
        sent[0] / ((stopped - start) / 1000.0), profile.services().size(), routes, Durations.format(profile.window()),
        profile.incidents());
    List<LoadReport.SentSecond> seconds = new ArrayList<>();
    perSecond.forEach((second, count) -> seconds.add(new LoadReport.SentSecond(second, count)));
    return new Pipeline(traffic, quality, accuracyResult, lag, seconds, transitions(watch), notified(webhook));
  }

  /** Every incident that should alert has, its notification has arrived, and the last window has closed. */
  private static boolean settled(List<AlertScoring.Target> targets, PipelineWatch watch, WebhookRecorder webhook,
      BreachTracker breaches, Duration slack, long end) {
    return score(targets, watch, webhook, breaches, slack).detections().stream().filter(AlertScoring.Detection::expectsAlert)
        .allMatch(d -> d.detected() && d.webhookSeconds() != null)
        && watch.closedWindows().stream().anyMatch(w -> w.windowEnd() >= end);
  }

  private static List<AlertScoring.Target> targets(LoadProfile profile, RuleSet rules, IncidentInjector injector) {
    Set<String> spendRules = rules.rules().stream().filter(r -> r.metric().key().startsWith("spend."))
        .map(Rule::name).collect(java.util.stream.Collectors.toSet());
    List<AlertScoring.Target> targets = new ArrayList<>();
    for (LoadProfile.Incident incident : profile.incidents()) {
      long[] span = injector.span(incident.name());
      long first = injector.firstEventMs(incident.name()).orElse(span[0]);
      Map<String, Set<String>> labels = new HashMap<>();
      if (incident.kind() == IncidentKind.costRunaway) {
        labels.put("user", Set.of(incident.user()));
        labels.put("service", Set.of(profile.costs().service()));
      } else {
        labels.put("service", Set.of(incident.service()));
      }
      targets.add(new AlertScoring.Target(incident.name(), incident.kind(), incident.expectsAlert(), first, span[1],
          labels, incident.kind() == IncidentKind.costRunaway ? spendRules : Set.of()));
    }
    return targets;
  }

  private static AlertScoring.Quality score(List<AlertScoring.Target> targets, PipelineWatch watch,
      WebhookRecorder webhook, BreachTracker breaches, Duration slack) {
    return AlertScoring.score(targets, transitions(watch), notified(webhook), breaches.breaches(), slack);
  }

  /** Every alert of every notification at the webhook, in arrival order. */
  private static List<AlertScoring.Notified> notified(WebhookRecorder webhook) {
    List<AlertScoring.Notified> notified = new ArrayList<>();
    for (WebhookRecorder.Notification n : webhook.notifications()) {
      n.alerts().forEach(a -> notified.add(new AlertScoring.Notified(n.arrivedAtMs(), n.receiver(), a.alertname(),
          a.status(), a.labels())));
    }
    return notified;
  }

  private static List<AlertScoring.Transition> transitions(PipelineWatch watch) {
    return watch.transitions().stream().map(t -> new AlertScoring.Transition(t.arrivedAtMs(), t.fingerprint(),
        t.rule(), t.severity(), t.status(), t.labels())).toList();
  }

  private LoadReport.Throughput throughput(LoadProfile profile, String bootstrap) throws Exception {
    LoadProfile.Benchmarks b = profile.benchmarks();
    out.println();
    out.println("throughput, on the same broker after the detection run (the roles above are stopped):");
    GatewayBenchmark.Result gateway = new GatewayBenchmark(new GatewayBenchmark.Options(b.gatewayEvents(), 100, 16,
        PARTITIONS, bootstrap), out).run();
    ProcessorBenchmark.Result processor = new ProcessorBenchmark(new ProcessorBenchmark.Options(b.processorEvents(),
        PARTITIONS, bootstrap), out).run();
    return new LoadReport.Throughput(b.gatewayEvents(), gateway.gatewayEventsPerSecond(),
        gateway.rawEventsPerSecond(), gateway.p99Millis(), b.processorEvents(), processor.processor(),
        processor.processorSteady(), processor.plainConsumer(), processor.handWritten());
  }

  private LoadReport.Memory memory(LoadProfile profile) {
    if (profile.benchmarks() == null || profile.benchmarks().memorySeries().isEmpty()) {
      return new LoadReport.Memory("not measured in this run: see load-tests/RESULTS.md, section Memory", List.of());
    }
    out.println();
    out.println("memory: open windows through the real request topology (MemoryBenchmark, in this JVM):");
    MemoryBenchmark bench = new MemoryBenchmark(new MemoryBenchmark.Options(List.of(), false),
        new PrintStream(OutputStream.nullOutputStream()));
    List<LoadReport.MemoryRow> rows = new ArrayList<>();
    for (int series : profile.benchmarks().memorySeries()) {
      MemoryBenchmark.Scenario scenario = MemoryBenchmark.Scenario.ofSeries(series, 20);
      try {
        MemoryBenchmark.Fill fill = bench.fill(scenario);
        rows.add(new LoadReport.MemoryRow(series, 20, fill.retainedBytes()));
        out.printf("  %,9d series: %,.1f MB retained, %,d B per series%n", series, fill.retainedBytes() / 1e6,
            fill.retainedBytes() / series);
      } catch (OutOfMemoryError e) {
        out.printf("  %,9d series: does not fit in %,d MB of heap%n", series, Runtime.getRuntime().maxMemory() >> 20);
      }
    }
    return new LoadReport.Memory("measured in this run (MemoryBenchmark, 20 events per route, one open window)", rows);
  }
}

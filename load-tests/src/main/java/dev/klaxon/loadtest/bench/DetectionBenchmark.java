package dev.klaxon.loadtest.bench;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.loadtest.bench.DetectionRouting.Variant;
import dev.klaxon.loadtest.bench.PipelineWatch.OpenWindow;
import dev.klaxon.loadtest.bench.PipelineWatch.Transition;
import dev.klaxon.loadtest.bench.WebhookRecorder.Notification;
import dev.klaxon.processor.LatencyHistogram;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.rules.AlertEvaluator;
import dev.klaxon.rules.EvaluatorConfig;
import dev.klaxon.rules.EvaluatorSettings;
import dev.klaxon.rules.Rule;
import dev.klaxon.rules.RuleSet;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.sink.AlertSink;
import dev.klaxon.sink.SinkSettings;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.Incident;
import dev.klaxon.traffic.LatencyModel;
import dev.klaxon.traffic.LogProfile;
import dev.klaxon.traffic.RouteProfile;
import dev.klaxon.traffic.ServiceProfile;
import dev.klaxon.traffic.TrafficGenerator;
import dev.klaxon.traffic.TrafficProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Detection time of the whole alert path (design §6 "Fast detection"): request events at about 200/s
 * for one service, produced straight to the requests topic with event time = wall clock, through the
 * processor (1-minute windows), the rules (shipped defaults) and the real sink (the shipped routing,
 * receivers pointed at a local webhook server). After a steady phase (false alerts are counted), a
 * p95 jump from about 120 ms to 2.5 s, a recovery, then an error burst to 8 % 5xx. For each incident:
 * the time from the first breaching event's send to (a) the rule's first firing transition on
 * klaxon.alerts (read_committed) and (b) its first notification at the local webhook.
 */
public final class DetectionBenchmark {

  /**
   * @param steady length of the steady phase whose firing transitions count as false alerts
   * @param variants routing variants run side by side in one sink ({@link DetectionRouting})
   * @param bootstrapServers external cluster, or null for an embedded broker
   */
  public record Options(Duration steady, List<String> variants, String bootstrapServers) {}

  static final String SERVICE = "checkout";
  static final String ROUTE = "POST /checkout";
  static final double REQUESTS_PER_SECOND = 200;
  /** Steady latency: median 50 ms, p95 120 ms (lognormal). */
  static final LatencyModel STEADY_LATENCY = LatencyModel.ofMedianAndP95(50, 120);
  /**
   * Steady error shares. Low enough for the shipped count rules at this rate: 5xx > 10 per minute
   * warns, and 200 requests/s make 12,000 a minute, so 0.02 % (about 2.4 a minute) stays quiet.
   */
  static final double STEADY_4XX = 0.003;
  static final double STEADY_5XX = 0.0002;
  /** Incidents begin this far into an event-time minute, so runs are comparable (open-window dilution). */
  static final Duration INCIDENT_OFFSET = Duration.ofSeconds(20);
  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final Duration INCIDENT_MIN = Duration.ofSeconds(15);
  private static final Duration INCIDENT_MAX = Duration.ofSeconds(120);
  private static final Duration RECOVERY_MAX = Duration.ofMinutes(4);
  private static final long TICK_MS = 10;

  private final Options options;
  private final PrintStream out;
  private final List<Variant> variants;

  public DetectionBenchmark(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.variants = options.variants().stream().map(v -> Variant.valueOf(v.toUpperCase())).toList();
  }

  /** One injected incident: its traffic, the rule it should fire, and what was measured. */
  private static final class IncidentRun {
    final String name;
    final Rule rule;
    final TrafficProfile profile;
    final ToDoubleFunction<WindowTracker> value;
    long startedAtMs;
    long breachedAtMs;
    long endedAtMs;

    IncidentRun(String name, Rule rule, TrafficProfile profile, ToDoubleFunction<WindowTracker> value) {
      this.name = name;
      this.rule = rule;
      this.profile = profile;
      this.value = value;
    }
  }

  public void run() throws Exception {
    EmbeddedKafka embedded = null;
    String bootstrap = options.bootstrapServers();
    if (bootstrap == null) {
      embedded = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()).start();
      bootstrap = embedded.bootstrapServers();
    }
    Path stateDir = Files.createTempDirectory("klaxon-bench-detection");
    String runId = "bench-" + System.currentTimeMillis();
    Topics topics = new Topics(runId + ".");
    RuleSet rules = RuleSet.defaults();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
        WebhookRecorder webhook = WebhookRecorder.start()) {
      new TopicCreator(admin).create(TopicCreator.klaxonTopics(topics, 3)); // returns once led
      DetectionRouting routing = DetectionRouting.of(variants,
          (variant, receiver) -> webhook.url("/" + (variant == null ? "unrouted" : variant.id) + "/" + receiver));
      SinkSettings sinkSettings = SinkSettings.defaults(bootstrap).withTopics(topics).withGroupId(runId + "-sink")
          .withPorts(-1, -1).withIntegrations(stats -> Integrations.create(HttpClient.newHttpClient(),
              routing.environment()::get, stats).byType());
      ProcessorSettings processorSettings = ProcessorSettings.defaults(bootstrap, stateDir.resolve("processor"))
          .withApplicationId(runId + "-metrics");
      EvaluatorSettings rulesSettings = EvaluatorSettings.defaults(bootstrap, stateDir.resolve("rules"))
          .withApplicationId(runId + "-rules");
      printHeader(topics, processorSettings, rulesSettings);

      try (MetricsProcessor processor = MetricsProcessor.start(MetricsConfig.defaults(topics), processorSettings);
          AlertEvaluator evaluator = AlertEvaluator.start(rules, "the shipped rules", EvaluatorConfig.defaults(topics),
              rulesSettings);
          AlertSink sink = AlertSink.start(SinkConfig.parse(routing.yaml()), sinkSettings);
          PipelineWatch watch = new PipelineWatch(bootstrap, topics, SERVICE);
          KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
        awaitUntil(Duration.ofSeconds(90), "the processor, rules and sink to start",
            () -> processor.state() == KafkaStreams.State.RUNNING && evaluator.state() == KafkaStreams.State.RUNNING
                && sink.isReady());
        out.printf("started; load average %s%n", loadAverage());
        measure(rules, topics, producer, watch, webhook);
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void measure(RuleSet rules, Topics topics, KafkaProducer<String, byte[]> producer, PipelineWatch watch,
      WebhookRecorder webhook) throws Exception {
    TrafficProfile steady = steadyProfile();
    Incident incident = new Incident(SERVICE, ROUTE, Duration.ZERO, Duration.ofDays(1), STEADY_LATENCY, STEADY_5XX);
    IncidentRun latency = new IncidentRun("p95 120 ms -> 2.5 s", rules.require(RuleSet.HIGH_P95_LATENCY),
        steady.withIncident(incident.withLatency(LatencyModel.ofMedianAndP95(2000, 2500))),
        w -> LatencyHistogram.quantileMillis(w.histogram, 0.95));
    IncidentRun errors = new IncidentRun("5xx 0.02 % -> 8 %", rules.require(RuleSet.HIGH_ERROR_RATE),
        steady.withIncident(incident.withServerErrorShare(0.08)), w -> w.count == 0 ? 0 : (double) w.errors5xx / w.count);
    Sender sender = new Sender(producer, topics.requests());

    long steadyStart = System.currentTimeMillis();
    sender.drive(new TrafficGenerator(steady, 1, steadyStart), null,
        () -> System.currentTimeMillis() >= steadyStart + options.steady().toMillis());
    sender.drive(new TrafficGenerator(steady, 2, System.currentTimeMillis()), null, DetectionBenchmark::atIncidentOffset);
    long steadyEnd = System.currentTimeMillis();
    List<Transition> falseAlerts = watch.transitions().stream()
        .filter(t -> t.status().equals("firing") && t.arrivedAtMs() < steadyEnd).toList();
    out.printf("steady phase: %.0f s (--steady, then on to %d s into a minute), %,d events, false alerts (firing transitions): %d; load average %s%n",
        (steadyEnd - steadyStart) / 1000.0, INCIDENT_OFFSET.toSeconds(), sender.sent, falseAlerts.size(), loadAverage());
    falseAlerts.forEach(t -> out.printf("  false alert: %s %s %s value %.4f%n", t.rule(), t.severity(), t.service(),
        t.value()));

    runIncident(latency, sender, watch, webhook);
    out.printf("incident 1 done; load average %s%n", loadAverage());
    long recoveryStart = System.currentTimeMillis();
    sender.drive(new TrafficGenerator(steady, 4, recoveryStart), null,
        () -> (allResolved(watch) && atIncidentOffset())
            || System.currentTimeMillis() > recoveryStart + RECOVERY_MAX.toMillis() && atIncidentOffset());
    out.printf("recovery: %.0f s (%s)%n", (System.currentTimeMillis() - recoveryStart) / 1000.0,
        allResolved(watch) ? "every alert resolved" : "some alerts still firing");
    runIncident(errors, sender, watch, webhook);
    out.printf("incident 2 done; load average %s%n", loadAverage());

    printTable(List.of(latency, errors), watch, webhook);
  }

  private void runIncident(IncidentRun incident, Sender sender, PipelineWatch watch, WebhookRecorder webhook)
      throws InterruptedException {
    incident.startedAtMs = System.currentTimeMillis();
    sender.drive(new TrafficGenerator(incident.profile, 3, incident.startedAtMs), incident, () -> {
      long now = System.currentTimeMillis();
      boolean seen = incident.breachedAtMs > 0 && firstFiring(watch, incident).isPresent()
          && variants.stream().allMatch(v -> firstNotification(webhook, incident, v).isPresent());
      return now - incident.startedAtMs >= INCIDENT_MIN.toMillis() && seen
          || now - incident.startedAtMs >= INCIDENT_MAX.toMillis();
    });
    incident.endedAtMs = System.currentTimeMillis();
  }

  private void printTable(List<IncidentRun> incidents, PipelineWatch watch, WebhookRecorder webhook) {
    out.println();
    out.println("seconds from the first breaching event's send (the event after which the sender's own copy of the");
    out.println("window breaches the rule's critical threshold); the incident began " + INCIDENT_OFFSET.toSeconds()
        + " s into a 1-minute window");
    StringBuilder header = new StringBuilder(String.format("%-20s %-15s %9s %9s %9s", "incident", "rule",
        "breach*", "open win", "(a) alert"));
    variants.forEach(v -> header.append(String.format("  %-28s", "(b) webhook " + v.id)));
    out.println(header);
    for (IncidentRun incident : incidents) {
      StringBuilder row = new StringBuilder(String.format("%-20s %-15s %9s %9s %9s", incident.name,
          incident.rule.name(), incident.breachedAtMs == 0 ? "none"
              : String.format("+%.2f", (incident.breachedAtMs - incident.startedAtMs) / 1000.0),
          seconds(incident, firstOpenBreach(watch, incident).map(OpenWindow::arrivedAtMs)),
          seconds(incident, firstFiring(watch, incident).map(Transition::arrivedAtMs))));
      for (Variant v : variants) {
        Optional<Notification> n = firstNotification(webhook, incident, v);
        row.append(String.format("  %-28s", seconds(incident, n.map(Notification::arrivedAtMs))
            + n.map(x -> " (" + x.receiver() + ")").orElse("")));
      }
      out.println(row);
    }
    out.println("* breach: seconds from the incident's start to the breaching event");
    out.println("  (a), (b): the rule's first critical firing transition, and the first notification carrying it");
    out.println("  open win: the service's open window breaching critically, seen by a read_committed consumer");
    variants.forEach(v -> out.printf("  webhook %s: %s%s%n", v.id, v.description,
        v == Variant.B ? " (critical route group_wait " + DetectionRouting.shippedCriticalGroupWait() + ")" : ""));
    StringBuilder fromStart = new StringBuilder(String.format("%nseconds from the incident's start (as Prometheus + "
        + "Alertmanager were measured), first critical alert of any rule on %s:%n%-20s %-15s %9s", SERVICE, "incident",
        "rule", "(a) alert"));
    variants.forEach(v -> fromStart.append(String.format("  %-16s", "(b) webhook " + v.id)));
    out.println(fromStart);
    for (IncidentRun incident : incidents) {
      Optional<Transition> first = watch.transitions().stream().filter(t -> t.arrivedAtMs() >= incident.startedAtMs
          && t.arrivedAtMs() <= incident.endedAtMs && t.status().equals("firing")
          && t.severity().equals(Severity.critical.name()) && t.service().equals(SERVICE)).findFirst();
      StringBuilder row = new StringBuilder(String.format("%-20s %-15s %9s", incident.name,
          first.map(Transition::rule).orElse("none"), fromStart(incident, first.map(Transition::arrivedAtMs))));
      for (Variant v : variants) {
        Optional<Long> arrived = first.flatMap(t -> webhook.notifications().stream()
            .filter(n -> n.arrivedAtMs() >= incident.startedAtMs && n.path().startsWith("/" + v.id + "/")
                && n.alerts().stream().anyMatch(a -> a.alertname().equals(t.rule()) && a.status().equals("firing")
                    && a.severity().equals(Severity.critical.name())))
            .map(Notification::arrivedAtMs).findFirst());
        row.append(String.format("  %-16s", fromStart(incident, arrived)));
      }
      out.println(row);
    }
    out.println();
    out.println("every transition on klaxon.alerts after the steady phase, in seconds from its incident's breach:");
    for (int i = 0; i < incidents.size(); i++) {
      IncidentRun incident = incidents.get(i);
      long until = i + 1 < incidents.size() ? incidents.get(i + 1).startedAtMs : Long.MAX_VALUE;
      watch.transitions().stream().filter(t -> t.arrivedAtMs() >= incident.startedAtMs && t.arrivedAtMs() < until)
          .forEach(t -> out.printf("  %-20s %+8.2f %s %s %s value %.4f%n", incident.name,
              (t.arrivedAtMs() - incident.breachedAtMs) / 1000.0, t.rule(), t.severity(), t.status(), t.value()));
    }
    out.printf("load average at the end: %s%n", loadAverage());
  }

  private static String seconds(IncidentRun incident, Optional<Long> atMs) {
    if (atMs.isEmpty() || incident.breachedAtMs == 0) {
      return "none";
    }
    return String.format("%.2f", (atMs.get() - incident.breachedAtMs) / 1000.0);
  }

  private static String fromStart(IncidentRun incident, Optional<Long> atMs) {
    return atMs.map(ms -> String.format("%.2f", (ms - incident.startedAtMs) / 1000.0)).orElse("none");
  }

  private static Optional<Transition> firstFiring(PipelineWatch watch, IncidentRun incident) {
    return watch.transitions().stream().filter(t -> t.arrivedAtMs() >= incident.startedAtMs
        && t.rule().equals(incident.rule.name()) && t.status().equals("firing") && t.service().equals(SERVICE)
        && t.severity().equals(Severity.critical.name())).findFirst();
  }

  private static Optional<OpenWindow> firstOpenBreach(PipelineWatch watch, IncidentRun incident) {
    boolean latency = incident.rule.name().equals(RuleSet.HIGH_P95_LATENCY);
    return watch.openWindows().stream().filter(w -> w.arrivedAtMs() >= incident.startedAtMs
        && incident.rule.breaches(latency ? w.p95() : w.errorRate(), w.count()).orElse(null) == Severity.critical)
        .findFirst();
  }

  private static Optional<Notification> firstNotification(WebhookRecorder webhook, IncidentRun incident,
      Variant variant) {
    return webhook.notifications().stream().filter(n -> n.arrivedAtMs() >= incident.startedAtMs
        && n.path().startsWith("/" + variant.id + "/")
        && n.alerts().stream().anyMatch(a -> a.alertname().equals(incident.rule.name()) && a.status().equals("firing")
            && a.severity().equals(Severity.critical.name()))).findFirst();
  }

  private static boolean allResolved(PipelineWatch watch) {
    Map<String, String> last = new HashMap<>();
    watch.transitions().forEach(t -> last.put(t.rule() + "|" + t.service(), t.status()));
    return last.values().stream().allMatch("resolved"::equals);
  }

  /** True in the first second after {@link #INCIDENT_OFFSET} into a wall-clock (= event-time) minute. */
  private static boolean atIncidentOffset() {
    long intoWindow = System.currentTimeMillis() % WINDOW.toMillis();
    return intoWindow >= INCIDENT_OFFSET.toMillis() && intoWindow < INCIDENT_OFFSET.toMillis() + 1_000;
  }

  static TrafficProfile steadyProfile() {
    ServiceProfile service = ServiceProfile.of(SERVICE, REQUESTS_PER_SECOND,
        RouteProfile.of(ROUTE, 1, STEADY_LATENCY.medianMs(), STEADY_LATENCY.sigma()));
    return new TrafficProfile(List.of(service), STEADY_4XX, STEADY_5XX, LogProfile.none(), Optional.empty(),
        "production", 1000, Optional.empty());
  }

  /** The sender's own copy of the current 1-minute window, to know which event made it breach. */
  static final class WindowTracker {
    long windowStart = -1;
    Histogram histogram = LatencyHistogram.create();
    long count;
    long errors5xx;

    void add(RequestEvent event) {
      long start = event.getTimestamp() - event.getTimestamp() % WINDOW.toMillis();
      if (start != windowStart) {
        windowStart = start;
        histogram = LatencyHistogram.create();
        count = 0;
        errors5xx = 0;
      }
      LatencyHistogram.recordMillis(histogram, event.getDurationMs());
      count++;
      if (event.getStatus() >= 500) {
        errors5xx++;
      }
    }
  }

  /** Produces the generator's events as wall-clock time reaches them, noting the breaching event. */
  private final class Sender {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
    private final WindowTracker window = new WindowTracker();
    long sent;

    Sender(KafkaProducer<String, byte[]> producer, String topic) {
      this.producer = producer;
      this.topic = topic;
    }

    void drive(TrafficGenerator generator, IncidentRun incident, BooleanSupplier done) throws InterruptedException {
      EventSink sink = new EventSink() {
        @Override
        public void request(RequestEvent event) {
          producer.send(new ProducerRecord<>(topic, null, event.getTimestamp(), event.getService(),
              serde.encode(event)));
          long sentAt = System.currentTimeMillis();
          sent++;
          window.add(event);
          if (incident != null && incident.breachedAtMs == 0 && incident.rule.breaches(
              incident.value.applyAsDouble(window), window.count).orElse(null) == Severity.critical) {
            incident.breachedAtMs = sentAt;
          }
        }

        @Override
        public void log(LogEvent event) {
          // the profile has no logs
        }
      };
      while (!done.getAsBoolean()) {
        generator.emitUntil(System.currentTimeMillis() + 1, sink);
        Thread.sleep(TICK_MS);
      }
    }
  }

  private void printHeader(Topics topics, ProcessorSettings processor, EvaluatorSettings rules) {
    out.printf("detection benchmark: service %s at %.0f requests/s (p95 %.0f ms, 4xx %.2f %%, 5xx %.2f %%), produced "
            + "straight to %s with event time = wall clock (no gateway)%n", SERVICE, REQUESTS_PER_SECOND,
        STEADY_LATENCY.p95Ms(), STEADY_4XX * 100, STEADY_5XX * 100, topics.requests());
    out.printf("  processor: 1-minute windows, commit interval %d ms; rules: shipped defaults, commit interval %d ms%n",
        processor.commitInterval().toMillis(), rules.commitInterval().toMillis());
    out.printf("  sink: shipped routing tree per variant (%s), receivers = local webhook; steady phase %d s%n",
        String.join(", ", variants.stream().map(v -> v.id + ": " + v.description).toList()),
        options.steady().toSeconds());
    out.printf("  load average %s%n", loadAverage());
  }

  /** Idempotent, acks=all, no linger: each event leaves when wall-clock time reaches it. */
  static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  static void awaitUntil(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(100); // polling services' states; nothing to await on
    }
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

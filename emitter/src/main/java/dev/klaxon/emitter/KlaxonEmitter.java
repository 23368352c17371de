package dev.klaxon.emitter;

import dev.klaxon.emitter.internal.ApiKey;
import dev.klaxon.emitter.internal.Backlog;
import dev.klaxon.emitter.internal.Counters;
import dev.klaxon.emitter.internal.EventValidator;
import dev.klaxon.emitter.internal.HttpSettings;
import dev.klaxon.emitter.internal.HttpTransport;
import dev.klaxon.emitter.internal.KafkaTransport;
import dev.klaxon.emitter.internal.Outcomes;
import dev.klaxon.emitter.internal.Sender;
import dev.klaxon.emitter.internal.Transport;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventRules;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Emits Klaxon events from an application, over HTTP to the ingest gateway or straight to Kafka.
 *
 * <pre>{@code
 * KlaxonEmitter klaxon = KlaxonEmitter.builder()
 *     .service("checkout-api")
 *     .http(URI.create("http://klaxon-gateway:8080"), System.getenv("KLAXON_API_KEY"))
 *     .build();
 *
 * klaxon.request("POST /orders").method("POST").status(201).durationMs(42.5).emit();
 * klaxon.log(LogLevel.error, "payment provider timed out").errorType("ProviderTimeout").emit();
 * klaxon.cost("openai", new BigDecimal("0.0123")).userId("u-17").units(1532, "tokens").emit();
 *
 * klaxon.close(); // at shutdown: delivers what is queued, up to closeTimeout
 * }</pre>
 *
 * <p>{@code emit} never blocks: it validates the event on the calling thread (throwing
 * {@link InvalidEventException} for a bad one), appends it to a bounded in-memory queue and
 * returns. One background thread sends batches. When {@code queueCapacity} events are accepted
 * but not yet delivered, newer events are dropped ({@link DropReason#QUEUE_FULL}) and
 * {@code emit} returns {@code false}: telemetry must never slow or crash the application, and
 * while the destination is away the oldest events are already waiting, in order, to be sent the
 * moment it returns. Thread-safe.
 */
public final class KlaxonEmitter implements AutoCloseable {

  private static final System.Logger log = System.getLogger("dev.klaxon.emitter");

  private final String defaultService;
  private final String defaultEnvironment;
  private final Clock clock;
  private final EventValidator validator;
  private final Duration closeTimeout;
  private final Counters counters = new Counters();
  private final Backlog backlog;
  private final Transport transport;
  private final Sender sender;
  private final AtomicBoolean droppingForFullQueue = new AtomicBoolean();
  private final Object closeLock = new Object();
  private Boolean closedCleanly;

  private KlaxonEmitter(Builder builder, Function<Clock, Transport> transportFactory) {
    this.defaultService = builder.service;
    this.defaultEnvironment = builder.environment;
    this.clock = builder.clock;
    this.validator = new EventValidator(clock);
    this.closeTimeout = builder.closeTimeout;
    this.backlog = new Backlog(builder.queueCapacity);
    this.transport = transportFactory.apply(clock);
    Outcomes outcomes = counters.settlingIn(backlog);
    this.sender = new Sender(backlog, transport, outcomes, builder.batchSize, builder.linger);
    sender.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A request served; {@code route} is the route template, e.g. {@code GET /users/{id}}. */
  public RequestBuilder request(String route) {
    return new RequestBuilder(this, route);
  }

  /** A log line. */
  public LogBuilder log(LogLevel level, String message) {
    return new LogBuilder(this, level, message);
  }

  /** Money spent at {@code provider}, in US dollars (at most 9 decimal places). */
  public CostBuilder cost(String provider, BigDecimal costUsd) {
    return new CostBuilder(this, provider, costUsd);
  }

  /**
   * Enqueues an event built elsewhere ({@link RequestEvent}, {@link LogEvent} or {@link CostEvent})
   * after the same validation as the builders; a null {@code attributes} becomes empty and
   * {@code costUsd} is set to 9 decimal places. The record must not be changed afterwards.
   * Returns whether it was accepted.
   *
   * @throws InvalidEventException naming every invalid field
   */
  public boolean emit(SpecificRecord event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof RequestEvent request && request.getAttributes() == null) {
      request.setAttributes(new LinkedHashMap<>());
    } else if (event instanceof LogEvent logEvent && logEvent.getAttributes() == null) {
      logEvent.setAttributes(new LinkedHashMap<>());
    }
    validate(event, List.of());
    if (event instanceof CostEvent cost) {
      cost.setCostUsd(EventRules.atCostScale(cost.getCostUsd()));
    }
    return enqueue(event);
  }

  /** Throws {@link InvalidEventException} naming every invalid field; {@code unset}: see the builders. */
  void validate(SpecificRecord event, Collection<String> unset) {
    validator.validate(event, unset);
  }

  /** Appends a validated event to the backlog; never blocks. */
  boolean enqueue(SpecificRecord event) {
    switch (backlog.offer(event)) {
      case NONE -> {
        counters.emitted();
        if (droppingForFullQueue.get()) {
          droppingForFullQueue.set(false);
        }
        return true;
      }
      case FULL -> {
        counters.dropped(DropReason.QUEUE_FULL, 1);
        if (!droppingForFullQueue.getAndSet(true)) {
          log.log(Level.WARNING, "emitter queue full ({0} events not yet delivered): dropping new "
              + "events until the destination catches up; see stats() for the count",
              String.valueOf(backlog.capacity()));
        }
        return false;
      }
      default -> {
        counters.dropped(DropReason.CLOSED, 1);
        return false;
      }
    }
  }

  /**
   * Waits until every event accepted before this call is delivered or dropped, sending queued
   * events at once rather than after the linger. Returns whether that happened within
   * {@code timeout}; false also when interrupted (the interrupt status is kept).
   */
  public boolean flush(Duration timeout) {
    try {
      return backlog.awaitSettled(timeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@link #close(Duration)} with the builder's {@code closeTimeout}. */
  @Override
  public void close() {
    close(closeTimeout);
  }

  /**
   * Stops accepting events (later ones are dropped as {@link DropReason#CLOSED}), delivers those
   * accepted, waiting at most {@code timeout}, then drops whatever is left as
   * {@link DropReason#CLOSED} and releases the transport. Returns whether everything accepted
   * was delivered or dropped for another reason in time. Calling it again returns the first
   * call's result.
   */
  public boolean close(Duration timeout) {
    synchronized (closeLock) {
      if (closedCleanly != null) {
        return closedCleanly;
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      backlog.close();
      boolean settled = flush(timeout);
      try {
        if (!settled) {
          sender.stop(Duration.ofSeconds(1));
        } else {
          sender.awaitEnd(remaining(deadline));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      transport.close(settled ? remaining(deadline) : Duration.ZERO);
      Outcomes outcomes = counters.settlingIn(backlog);
      outcomes.dropped(backlog.drainQueued(), DropReason.CLOSED);
      if (!settled) {
        log.log(Level.WARNING, "emitter closed after {0} with events undelivered; see stats()", timeout);
      }
      closedCleanly = settled;
      return settled;
    }
  }

  public EmitterStats stats() {
    return counters.snapshot(transport.internalRetries(), backlog.unsettled());
  }

  String defaultService() {
    return defaultService;
  }

  String defaultEnvironment() {
    return defaultEnvironment;
  }

  Clock clock() {
    return clock;
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Settings of an emitter; choose a transport with {@link #http} or {@link #kafka}. */
  public static final class Builder {

    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The gateway's default {@code EventLimits.maxBatchEvents}. */
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private String service;
    private String environment;
    private Clock clock = Clock.systemUTC();
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration linger = DEFAULT_LINGER;
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private BodyFormat bodyFormat = BodyFormat.NDJSON;
    private URI gateway;
    private Optional<ApiKey> apiKey = Optional.empty();
    private Map<String, Object> kafkaConfig;
    private Topics topics = Topics.defaults();

    private Builder() {}

    /** Service name for events that do not set one. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Environment (e.g. {@code production}) for request events that do not set one. */
    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    /** Where default timestamps come from; the system UTC clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * HTTP transport to the gateway at {@code gateway}: its base URL ({@code /v1/events} is
     * appended when it has no path) or the full events URL; {@code apiKey} is sent as
     * {@code Authorization: Bearer}.
     */
    public Builder http(URI gateway, String apiKey) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.apiKey = Optional.of(new ApiKey(apiKey));
      this.kafkaConfig = null;
      return this;
    }

    /** HTTP transport to a gateway running without keys (demo mode). */
    public Builder http(URI gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      this.apiKey = Optional.empty();
      this.kafkaConfig = null;
      return this;
    }

    /**
     * Direct Kafka transport. {@code clientConfig} holds at least {@code bootstrap.servers} and any
     * security settings; {@code acks=all}, idempotence and the timeouts are the emitter's.
     */
    public Builder kafka(Map<String, Object> clientConfig) {
      this.kafkaConfig = new HashMap<>(Objects.requireNonNull(clientConfig, "clientConfig"));
      this.gateway = null;
      return this;
    }

    /** Topic names for the Kafka transport; {@link Topics#defaults()} unless set. */
    public Builder topics(Topics topics) {
      this.topics = Objects.requireNonNull(topics, "topics");
      return this;
    }

    /** Most events accepted but not yet delivered; beyond it new events are dropped. */
    public Builder queueCapacity(int events) {
      this.queueCapacity = events;
      return this;
    }

    /** Most events per HTTP request (per hand-over to the producer for Kafka). */
    public Builder batchSize(int events) {
      this.batchSize = events;
      return this;
    }

    /** How long the sender waits for a batch to fill before sending a partial one. */
    public Builder linger(Duration linger) {
      this.linger = Objects.requireNonNull(linger, "linger");
      return this;
    }

    /**
     * How long an event is retried before it is dropped as {@link DropReason#TIMED_OUT}: per HTTP
     * batch from its first attempt; the producer's {@code delivery.timeout.ms} and
     * {@code max.block.ms} for Kafka. Ten minutes unless set, to ride out a broker or gateway
     * restart; the queue capacity, not this, bounds memory.
     */
    public Builder deliveryTimeout(Duration timeout) {
      this.deliveryTimeout = Objects.requireNonNull(timeout, "deliveryTimeout");
      return this;
    }

    /** How long {@link KlaxonEmitter#close()} waits for delivery. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = Objects.requireNonNull(timeout, "closeTimeout");
      return this;
    }

    /** Longest wait for one HTTP response (and for connecting). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
      return this;
    }

    /** HTTP retry delays: {@code initial}, doubled per failure up to {@code max}, with jitter. */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /** NDJSON (default) or one JSON array per request. */
    public Builder bodyFormat(BodyFormat format) {
      this.bodyFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /** Starts the emitter's sender thread. */
    public KlaxonEmitter build() {
      requireAtLeast("queueCapacity", queueCapacity, 1);
      requireAtLeast("batchSize", batchSize, 1);
      if (batchSize > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("batchSize must be at most " + MAX_BATCH_SIZE
            + " (the gateway's batch limit), got " + batchSize);
      }
      requireNotNegative("linger", linger);
      requirePositive("deliveryTimeout", deliveryTimeout);
      requireNotNegative("closeTimeout", closeTimeout);
      requirePositive("requestTimeout", requestTimeout);
      requirePositive("retryBackoff initial", initialBackoff);
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("retryBackoff max must be >= initial, got " + maxBackoff
            + " < " + initialBackoff);
      }
      if (gateway != null) {
        HttpSettings settings = new HttpSettings(eventsUrl(gateway), apiKey, bodyFormat, requestTimeout,
            deliveryTimeout, initialBackoff, maxBackoff);
        return new KlaxonEmitter(this, clock -> new HttpTransport(settings, clock));
      }
      if (kafkaConfig != null) {
        if (!kafkaConfig.containsKey("bootstrap.servers")) {
          throw new IllegalArgumentException("kafka clientConfig needs bootstrap.servers");
        }
        return new KlaxonEmitter(this, clock -> new KafkaTransport(kafkaConfig, topics, deliveryTimeout));
      }
      throw new IllegalStateException("choose a transport: http(gatewayUrl, apiKey) or kafka(clientConfig)");
    }

    private static URI eventsUrl(URI gateway) {
      if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme())) {
        throw new IllegalArgumentException("gateway URL must be http or https, got " + gateway);
      }
      String path = gateway.getPath();
      return path == null || path.isEmpty() || path.equals("/") ? gateway.resolve("/v1/events") : gateway;
    }

    private static void requireAtLeast(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
      }
    }

    private static void requirePositive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
    }

    private static void requireNotNegative(String name, Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + value);
      }
    }
  }
}

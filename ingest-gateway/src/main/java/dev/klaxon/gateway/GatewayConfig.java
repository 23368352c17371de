package dev.klaxon.gateway;

import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.gateway.internal.ConfigYaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the ingest gateway needs, immutable and validated on construction: a bad value throws
 * {@link ConfigException} naming its key (e.g. {@code http.port}). Load it from YAML with {@link
 * #load(Path, Map)}; unknown keys are errors. Secrets (API keys, Kafka passwords) come from the
 * environment as well as the file, and never appear in {@link #toString()}.
 *
 * @param http the HTTP listener and its limits
 * @param kafka Kafka client properties passed through to the producer and the readiness check
 *     ({@code bootstrap.servers}, {@code security.protocol}, SASL, TLS, {@code linger.ms}...)
 * @param topicPrefix prefix of Klaxon's topic names (design §3)
 * @param schemaRegistryUrl Confluent-API schema registry; empty: registry-free single-object encoding
 * @param auth API keys, or demo mode without any
 * @param rateLimit per-key event rate
 * @param events bounds on each event and batch
 * @param readiness how often and how patiently Kafka is probed for {@code /health/ready}
 */
public record GatewayConfig(Http http, Map<String, String> kafka, String topicPrefix, String schemaRegistryUrl,
    Auth auth, RateLimit rateLimit, Events events, Readiness readiness) {

  /** Environment variable holding API keys: {@code name=key[:service|service...]}, comma-separated. */
  public static final String KEYS_ENV = "KLAXON_INGEST_KEYS";
  /** Prefix of environment variables setting Kafka properties: {@code KLAXON_KAFKA_SASL_JAAS_CONFIG}. */
  public static final String KAFKA_ENV_PREFIX = KafkaCluster.ENV_PREFIX;

  /** Kafka properties the 202 contract depends on; the gateway sets them itself. */
  private static final Map<String, String> FIXED_KAFKA = Map.of("acks", "all", "enable.idempotence", "true");

  public GatewayConfig {
    require(http != null, "http is required");
    require(kafka != null, "kafka is required");
    require(auth != null, "auth is required");
    require(rateLimit != null, "rateLimit is required");
    require(events != null, "events is required");
    require(readiness != null, "readiness is required");
    kafka = Map.copyOf(kafka);
    String bootstrap = kafka.get("bootstrap.servers");
    require(bootstrap != null && !bootstrap.isBlank(), "kafka.bootstrap.servers is required");
    for (Map.Entry<String, String> fixed : FIXED_KAFKA.entrySet()) {
      String given = kafka.get(fixed.getKey());
      require(given == null || given.equalsIgnoreCase(fixed.getValue()), "kafka." + fixed.getKey() + " is fixed to "
          + fixed.getValue() + " by the gateway (202 means acknowledged by all replicas, written once)");
    }
    topicPrefix = topicPrefix == null ? Topics.DEFAULT_PREFIX : topicPrefix;
    try {
      new Topics(topicPrefix);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("topicPrefix: " + e.getMessage());
    }
    schemaRegistryUrl = schemaRegistryUrl == null ? "" : schemaRegistryUrl.trim();
  }

  /**
   * Defaults everywhere, demo mode (no keys) against {@code bootstrapServers}: what {@code klaxon demo}
   * embeds. {@code .withAuth(Auth.keys(...))} turns keys on.
   */
  public static GatewayConfig demo(String bootstrapServers) {
    return new GatewayConfig(Http.DEFAULTS, Map.of("bootstrap.servers", bootstrapServers), Topics.DEFAULT_PREFIX, "",
        Auth.DEMO, RateLimit.UNLIMITED, Events.DEFAULTS, Readiness.DEFAULTS);
  }

  /** Reads YAML {@code file}, then applies overrides from {@code env} (see {@link #KEYS_ENV}, {@link #KAFKA_ENV_PREFIX}). */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    return ConfigYaml.parse(YamlConfig.read(file), env, "", true);
  }

  /** As {@link #load(Path, Map)}, from YAML text; an empty text means all defaults. */
  public static GatewayConfig parse(String yaml, Map<String, String> env) {
    return ConfigYaml.parse(YamlConfig.parse(yaml, "config"), env, "", true);
  }

  /**
   * The {@code gateway:} section of {@code klaxon.yaml} (null: all defaults): Kafka, the topic prefix
   * and the registry come from the file's shared keys, the section's own {@code kafka} properties
   * laid over them; the event bounds are the file's shared {@code events:} section, which the
   * processor applies too. Errors name {@code gateway.<key>}.
   */
  public static GatewayConfig fromSection(JsonNode section, KafkaCluster cluster, Events events,
      Map<String, String> env) {
    ObjectNode tree = section == null || section.isNull() ? YamlConfig.empty() : section.deepCopy();
    if (!tree.isObject()) {
      throw new ConfigException("gateway must be a mapping");
    }
    for (String shared : List.of("topicPrefix", "schemaRegistryUrl", "events")) {
      if (tree.has(shared)) {
        throw new ConfigException("gateway." + shared + ": set " + shared + " at the top of the file; every role uses it");
      }
    }
    Map<String, String> own = YamlConfig.stringMap(tree.get("kafka"), "gateway.kafka");
    tree.set("kafka", YamlConfig.tree(cluster.clientProperties(own)));
    tree.put("topicPrefix", cluster.topics().prefix());
    tree.put("schemaRegistryUrl", cluster.schemaRegistryUrl().orElse(""));
    tree.set("events", YamlConfig.tree(events));
    return ConfigYaml.parse(tree, env, "gateway", false);
  }

  public Topics topics() {
    return new Topics(topicPrefix);
  }

  public GatewayConfig withHttp(Http value) {
    return new GatewayConfig(value, kafka, topicPrefix, schemaRegistryUrl, auth, rateLimit, events, readiness);
  }

  /** {@code properties} added to (and overriding) the Kafka properties. */
  public GatewayConfig withKafka(Map<String, String> properties) {
    Map<String, String> merged = new LinkedHashMap<>(kafka);
    merged.putAll(properties);
    return new GatewayConfig(http, merged, topicPrefix, schemaRegistryUrl, auth, rateLimit, events, readiness);
  }

  public GatewayConfig withTopicPrefix(String value) {
    return new GatewayConfig(http, kafka, value, schemaRegistryUrl, auth, rateLimit, events, readiness);
  }

  public GatewayConfig withAuth(Auth value) {
    return new GatewayConfig(http, kafka, topicPrefix, schemaRegistryUrl, value, rateLimit, events, readiness);
  }

  public GatewayConfig withRateLimit(RateLimit value) {
    return new GatewayConfig(http, kafka, topicPrefix, schemaRegistryUrl, auth, value, events, readiness);
  }

  public GatewayConfig withEvents(Events value) {
    return new GatewayConfig(http, kafka, topicPrefix, schemaRegistryUrl, auth, rateLimit, value, readiness);
  }

  public GatewayConfig withReadiness(Readiness value) {
    return new GatewayConfig(http, kafka, topicPrefix, schemaRegistryUrl, auth, rateLimit, events, value);
  }

  /** Kafka values that look like credentials are masked, as are API keys. */
  @Override
  public String toString() {
    Map<String, String> shownKafka = KafkaCluster.masked(kafka);
    return "GatewayConfig[http=" + http + ", kafka=" + shownKafka + ", topicPrefix=" + topicPrefix
        + ", schemaRegistryUrl=" + schemaRegistryUrl + ", auth=" + auth + ", rateLimit=" + rateLimit
        + ", events=" + events + ", readiness=" + readiness + "]";
  }

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new ConfigException(message);
    }
  }

  /**
   * The HTTP listener.
   *
   * @param host address to bind; {@code 0.0.0.0} for all
   * @param port port; 0 picks a free one
   * @param maxBodyBytes largest request body as sent (compressed or not) → 413
   * @param maxDecompressedBytes largest body after gunzip, so a small gzip bomb cannot fill the heap → 413
   * @param idleTimeout idle connections are closed after this
   * @param shutdownTimeout how long close waits for in-flight requests, then for the producer to flush
   * @param retryAfter the {@code Retry-After} of 503 answers (Kafka unavailable, buffer full)
   */
  public record Http(String host, int port, int maxBodyBytes, int maxDecompressedBytes, Duration idleTimeout,
      Duration shutdownTimeout, Duration retryAfter) {

    public static final Http DEFAULTS = new Http("0.0.0.0", 8080, 4 * 1024 * 1024, 32 * 1024 * 1024,
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(5));

    public Http {
      require(host != null && !host.isBlank(), "http.host is required");
      require(port >= 0 && port <= 65535, "http.port must be 0 (any free port) or 1-65535, got " + port);
      require(maxBodyBytes > 0, "http.maxBodyBytes must be > 0, got " + maxBodyBytes);
      require(maxDecompressedBytes >= maxBodyBytes,
          "http.maxDecompressedBytes must be >= http.maxBodyBytes, got " + maxDecompressedBytes);
      requirePositive("http.idleTimeout", idleTimeout);
      requirePositive("http.shutdownTimeout", shutdownTimeout);
      requirePositive("http.retryAfter", retryAfter);
    }

    public Http withHost(String value) {
      return new Http(value, port, maxBodyBytes, maxDecompressedBytes, idleTimeout, shutdownTimeout, retryAfter);
    }

    public Http withPort(int value) {
      return new Http(host, value, maxBodyBytes, maxDecompressedBytes, idleTimeout, shutdownTimeout, retryAfter);
    }

    public Http withMaxBodyBytes(int body, int decompressed) {
      return new Http(host, port, body, decompressed, idleTimeout, shutdownTimeout, retryAfter);
    }

    public Http withShutdownTimeout(Duration value) {
      return new Http(host, port, maxBodyBytes, maxDecompressedBytes, idleTimeout, value, retryAfter);
    }
  }

  /**
   * Who may send. With keys, every request needs {@code Authorization: Bearer <key>}; demo mode
   * accepts anyone and logs a warning at start. One of the two, never both.
   *
   * @param demoMode accept requests without a key
   * @param keys the API keys
   */
  public record Auth(boolean demoMode, List<ApiKey> keys) {

    public static final Auth DEMO = new Auth(true, List.of());
    public static final int MIN_KEY_CHARS = 16;

    public Auth {
      keys = keys == null ? List.of() : List.copyOf(keys);
      require(!demoMode || keys.isEmpty(), "auth.demoMode is true but auth.keys (or " + KEYS_ENV
          + ") holds keys: configure keys or demo mode, not both");
      require(demoMode || !keys.isEmpty(), "auth.keys is empty: configure API keys (auth.keys or " + KEYS_ENV
          + ") or set auth.demoMode: true to accept unauthenticated events");
      Set<String> names = new HashSet<>();
      Set<String> secrets = new HashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        ApiKey key = keys.get(i);
        String at = "auth.keys[" + i + "]";
        require(key != null, at + " is empty");
        require(key.name() != null && key.name().matches("[A-Za-z0-9._-]+"),
            at + ".name is required: letters, digits, '.', '_' and '-'");
        require(names.add(key.name()), at + ".name '" + key.name() + "' is used twice");
        require(key.key() != null && key.key().length() >= MIN_KEY_CHARS,
            at + ".key (" + key.name() + ") must be at least " + MIN_KEY_CHARS + " characters");
        require(key.key().chars().noneMatch(c -> c <= ' ' || c > '~'),
            at + ".key (" + key.name() + ") may hold only visible ASCII characters");
        require(secrets.add(key.key()), at + ".key (" + key.name() + ") is the same as another key's");
      }
    }

    /** Keys required; {@code keys} must not be empty. */
    public static Auth keys(List<ApiKey> keys) {
      return new Auth(false, keys);
    }
  }

  /**
   * One API key.
   *
   * @param name shown in logs, metrics and 403 answers instead of the key
   * @param key the secret the client sends as {@code Bearer}
   * @param services the services whose events this key may send; empty: any
   */
  public record ApiKey(String name, String key, Set<String> services) {

    public ApiKey {
      services = services == null ? Set.of() : Set.copyOf(services);
    }

    public boolean allows(String service) {
      return services.isEmpty() || services.contains(service);
    }

    @Override
    public String toString() {
      return "ApiKey[name=" + name + ", key=<secret>, services=" + services + "]";
    }
  }

  /**
   * Per-key event rate, a token bucket: each event takes a token; a batch is admitted while the
   * bucket holds enough for it (or is full), so a batch larger than the bucket is never refused forever.
   *
   * @param eventsPerSecond refill rate; 0 = unlimited
   * @param burst bucket size; 0 = one second's worth
   */
  public record RateLimit(double eventsPerSecond, double burst) {

    public static final RateLimit UNLIMITED = new RateLimit(0, 0);

    public RateLimit {
      require(eventsPerSecond >= 0, "rateLimit.eventsPerSecond must be >= 0 (0 = unlimited), got " + eventsPerSecond);
      require(burst >= 0, "rateLimit.burst must be >= 0 (0 = one second's worth), got " + burst);
    }

    public boolean enabled() {
      return eventsPerSecond > 0;
    }

    public double bucketSize() {
      return burst > 0 ? burst : eventsPerSecond;
    }
  }

  /**
   * Bounds on events (see {@link EventLimits}).
   *
   * @param maxBatchEvents most events per request
   * @param maxFutureSkew how far ahead of the gateway's clock a timestamp may be
   * @param maxIdentifierChars longest service, route, userId and other short strings
   * @param maxMessageChars longest log message
   * @param maxDuration longest request {@code durationMs}; set the processor's {@code maxDuration}
   *     at least as high, or it dead-letters what the gateway accepted
   * @param maxCostUsd largest {@code costUsd} of one cost event
   */
  public record Events(int maxBatchEvents, Duration maxFutureSkew, int maxIdentifierChars, int maxMessageChars,
      Duration maxDuration, BigDecimal maxCostUsd) {

    public static final Events DEFAULTS = new Events(EventLimits.DEFAULT_MAX_BATCH_EVENTS,
        EventLimits.DEFAULT_MAX_FUTURE_SKEW, EventLimits.DEFAULT_MAX_IDENTIFIER_CHARS,
        EventLimits.DEFAULT_MAX_MESSAGE_CHARS, EventLimits.DEFAULT_MAX_DURATION, EventLimits.DEFAULT_MAX_COST_USD);

    public Events {
      require(maxBatchEvents > 0, "events.maxBatchEvents must be > 0, got " + maxBatchEvents);
      require(maxFutureSkew != null && !maxFutureSkew.isNegative(), "events.maxFutureSkew must be >= 0");
      require(maxIdentifierChars > 0, "events.maxIdentifierChars must be > 0, got " + maxIdentifierChars);
      require(maxMessageChars > 0, "events.maxMessageChars must be > 0, got " + maxMessageChars);
      requirePositive("events.maxDuration", maxDuration);
      require(maxCostUsd != null && maxCostUsd.signum() > 0 && maxCostUsd.compareTo(EventLimits.COST_USD_CAPACITY) <= 0,
          "events.maxCostUsd must be > 0 and at most " + EventLimits.COST_USD_CAPACITY.toPlainString()
              + " (what costUsd can hold), got " + (maxCostUsd == null ? null : maxCostUsd.toPlainString()));
      // One form per amount: YAML may read 10000 back as 1E+4, and records compare BigDecimals by scale.
      maxCostUsd = new BigDecimal(maxCostUsd.stripTrailingZeros().toPlainString());
    }

    /** The {@code events:} section of {@code klaxon.yaml} (null: the defaults); errors name {@code events.<key>}. */
    public static Events fromSection(JsonNode section) {
      return YamlConfig.bind(YamlConfig.merge(YamlConfig.tree(DEFAULTS), section), Events.class, "events");
    }

    public EventLimits limits() {
      return EventLimits.defaults().withMaxBatchEvents(maxBatchEvents).withMaxFutureSkew(maxFutureSkew)
          .withMaxIdentifierChars(maxIdentifierChars).withMaxMessageChars(maxMessageChars)
          .withMaxDuration(maxDuration).withMaxCostUsd(maxCostUsd);
    }
  }

  /**
   * The Kafka probe behind {@code /health/ready}; while it fails, events are refused at once with 503.
   *
   * @param interval time between probes
   * @param timeout how long one probe may take
   */
  public record Readiness(Duration interval, Duration timeout) {

    public static final Readiness DEFAULTS = new Readiness(Duration.ofSeconds(2), Duration.ofSeconds(2));

    public Readiness {
      requirePositive("readiness.interval", interval);
      requirePositive("readiness.timeout", timeout);
    }
  }

  private static void requirePositive(String key, Duration value) {
    require(value != null && !value.isNegative() && !value.isZero(), key + " must be > 0, got " + value);
  }
}

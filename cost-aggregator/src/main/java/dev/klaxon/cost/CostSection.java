package dev.klaxon.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.KafkaCluster;
import dev.klaxon.runtime.StreamsService;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code cost:} section of {@code klaxon.yaml}. Every key is optional; unknown keys are errors.
 * The event bounds (the per-event maximum cost) are the file's shared {@code events:} section.
 *
 * <pre>
 * cost:
 *   applicationId: klaxon-cost        # instances with the same id share the users
 *   stateDir: .klaxon/state
 *   granularities: [minute, hour, day, month]
 *   grace: 10s                        # late costs still summed until window end + grace
 *   commitInterval: 200ms             # closed windows become visible at the next commit
 *   threads: 1
 *   httpPort: 9468                    # spend API, /metrics, /health/*; 0 = any free port, -1 = off
 *   advertisedHost: cost-1.internal   # how other instances reach this one's spend API; default: this host's name
 *   kafka: {}                         # this role's clients only, over the shared kafka properties
 * </pre>
 */
public record CostSection(String applicationId, String stateDir, List<String> granularities, Duration grace,
    Duration commitInterval, int threads, int httpPort, String advertisedHost, Map<String, String> kafka) {

  public static final int DEFAULT_HTTP_PORT = 9468;

  public static final CostSection DEFAULTS = new CostSection(CostSettings.DEFAULT_APPLICATION_ID, ".klaxon/state",
      SpendConfig.DEFAULT_GRANULARITIES.stream().map(Granularity::label).toList(), SpendConfig.DEFAULT_GRACE,
      CostSettings.DEFAULT_COMMIT_INTERVAL, 1, DEFAULT_HTTP_PORT, null, Map.of());

  /** Checks every key; a {@link ConfigException} here is prefixed with {@code cost.} by the binding. */
  public CostSection {
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
    if (!StreamsService.isValidApplicationId(applicationId)) {
      throw new ConfigException("applicationId may hold only letters, digits, '.', '_' and '-': " + applicationId);
    }
    parse(granularities);
    if (grace == null || grace.isNegative()) {
      throw new ConfigException("grace must be >= 0, got " + grace);
    }
    if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
      throw new ConfigException("commitInterval must be positive, got " + commitInterval);
    }
    if (threads < 1) {
      throw new ConfigException("threads must be at least 1, got " + threads);
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new ConfigException("httpPort must be a port, 0 (any free port) or -1 (off), got " + httpPort);
    }
    if (advertisedHost != null && (advertisedHost.isBlank() || advertisedHost.contains(":"))) {
      throw new ConfigException("advertisedHost must be a host name or IPv4 address without a port, got '"
          + advertisedHost + "'");
    }
  }

  /** The section as written (null or absent: all defaults), checked strictly; errors name {@code cost.<key>}. */
  public static CostSection from(JsonNode section) {
    return YamlConfig.bind(YamlConfig.merge(YamlConfig.tree(DEFAULTS), section), CostSection.class, "cost");
  }

  public SpendConfig spendConfig(Topics topics, EventLimits eventLimits) {
    return new SpendConfig(topics, parse(granularities), grace, eventLimits);
  }

  public CostSettings settings(KafkaCluster cluster) {
    return new CostSettings(cluster.bootstrapServers(), applicationId, Path.of(stateDir), commitInterval, threads,
        httpPort, advertisedHost == null ? localHostName() : advertisedHost, cluster.clientProperties(kafka),
        cluster.schemaRegistryUrl());
  }

  private static List<Granularity> parse(List<String> labels) {
    if (labels == null || labels.isEmpty()) {
      throw new ConfigException("granularities must name at least one of " + known());
    }
    List<Granularity> parsed = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      String label = labels.get(i);
      Granularity granularity = Arrays.stream(Granularity.values()).filter(g -> g.label().equals(label)).findFirst()
          .orElseThrow(() -> new ConfigException("granularities: unknown '" + label + "'; known: " + known()));
      if (parsed.contains(granularity)) {
        throw new ConfigException("granularities: '" + label + "' is listed twice");
      }
      parsed.add(granularity);
    }
    return parsed;
  }

  private static String known() {
    return Arrays.stream(Granularity.values()).map(Granularity::label).collect(Collectors.joining(", "));
  }

  /** Like Kafka's own advertised listeners, the machine's name unless told otherwise. */
  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

package dev.klaxon.loadtest.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.runtime.config.ConfigException;
import dev.klaxon.runtime.config.YamlConfig;
import dev.klaxon.traffic.CostProfile;
import dev.klaxon.traffic.LatencyModel;
import dev.klaxon.traffic.LogProfile;
import dev.klaxon.traffic.RouteProfile;
import dev.klaxon.traffic.ServiceProfile;
import dev.klaxon.traffic.TrafficProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What {@code klaxon bench load} runs: traffic (rate, services and routes with their latencies, error
 * shares, users, the cost mix), the window the rules read, rule overrides and budgets, and the schedule
 * of injected incidents. Strict YAML (unknown keys are errors naming their path); the format is in
 * load-tests/README.md, the shipped profiles are {@code full.yaml} and {@code smoke.yaml} beside this class.
 *
 * @param duration          how long traffic runs (event time = wall clock)
 * @param settle            after traffic, how long to wait at most for alerts and notifications still due
 * @param window            the metric window the processor writes and the rules read
 * @param grace             how long a window waits for late events after its end
 * @param requestsPerSecond all services together, split by the services' weights
 * @param users             user ids requests are drawn from
 * @param clientErrorShare  share of requests answered 4xx
 * @param serverErrorShare  share of requests answered 5xx (outside incidents)
 * @param services          the services and their routes
 * @param costs             the billed route and its cost mix, if any
 * @param rules             changes to the shipped rules, and budgets
 * @param incidents         the injected incidents, in any order
 * @param benchmarks        throughput and memory benchmarks run after the traffic, if any
 */
public record LoadProfile(Duration duration, Duration settle, Duration window, Duration grace,
    Double requestsPerSecond, Integer users, Double clientErrorShare, Double serverErrorShare,
    List<Service> services, Costs costs, Rules rules, List<Incident> incidents, Benchmarks benchmarks) {

  /** The shipped profiles' classpath directory. */
  private static final String RESOURCES = "/dev/klaxon/loadtest/load/";

  public LoadProfile {
    require(duration, "duration");
    settle = settle == null ? Duration.ZERO : settle;
    window = window == null ? Duration.ofMinutes(1) : window;
    grace = grace == null ? Duration.ofSeconds(10) : grace;
    if (window.toMillis() < 1000) {
      throw new ConfigException("window must be at least 1s, got " + window);
    }
    if (require(requestsPerSecond, "requestsPerSecond") <= 0) {
      throw new ConfigException("requestsPerSecond must be > 0, got " + requestsPerSecond);
    }
    users = users == null ? 1000 : users;
    clientErrorShare = checkShare(clientErrorShare == null ? 0 : clientErrorShare, "clientErrorShare");
    serverErrorShare = checkShare(serverErrorShare == null ? 0 : serverErrorShare, "serverErrorShare");
    services = List.copyOf(require(services, "services"));
    if (services.isEmpty()) {
      throw new ConfigException("services must list at least one service");
    }
    rules = rules == null ? new Rules(Map.of(), null) : rules;
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
    var names = new HashSet<String>();
    for (int i = 0; i < incidents.size(); i++) {
      Incident incident = incidents.get(i);
      String path = "incidents[" + i + "]";
      if (!names.add(incident.name())) {
        throw new ConfigException(path + ".name: '" + incident.name() + "' is used twice");
      }
      incident.check(path, services, costs);
    }
    if (incidents.stream().filter(i -> i.kind() == IncidentKind.costRunaway).count() > 1) {
      throw new ConfigException("incidents: at most one costRunaway (the cost mix has one runaway user)");
    }
  }

  /** Reads a profile file. @throws ConfigException naming the file or the bad key */
  public static LoadProfile load(Path file) {
    return bind(YamlConfig.read(file), file.toString());
  }

  /** A shipped profile, {@code full} or {@code smoke}. */
  public static LoadProfile shipped(String name) {
    try (InputStream in = LoadProfile.class.getResourceAsStream(RESOURCES + name + ".yaml")) {
      if (in == null) {
        throw new ConfigException("no shipped load profile named '" + name + "' (full, smoke)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static LoadProfile parse(String yaml, String source) {
    return bind(YamlConfig.parse(yaml, source), source);
  }

  private static LoadProfile bind(JsonNode tree, String source) {
    try {
      rejectUnknownKeys(tree, LoadProfile.class, "");
      return YamlConfig.bind(tree, LoadProfile.class, "");
    } catch (ConfigException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  /**
   * Jackson builds a record before it reports unknown keys, so a misspelt key would surface as the
   * missing one it was meant to be ("medianMs is required" for {@code median}); this names it first.
   */
  private static void rejectUnknownKeys(JsonNode node, Class<?> type, String path) {
    if (!type.isRecord() || !node.isObject()) {
      return;
    }
    Map<String, java.lang.reflect.RecordComponent> components = new java.util.LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
      components.put(c.getName(), c);
    }
    for (var fields = node.fields(); fields.hasNext(); ) {
      var field = fields.next();
      String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      java.lang.reflect.RecordComponent component = components.get(field.getKey());
      if (component == null) {
        throw new ConfigException("unknown config key '" + key + "'; known here: "
            + String.join(", ", new java.util.TreeSet<>(components.keySet())));
      }
      if (component.getType() == List.class && field.getValue().isArray()
          && component.getGenericType() instanceof java.lang.reflect.ParameterizedType list
          && list.getActualTypeArguments()[0] instanceof Class<?> element) {
        for (int i = 0; i < field.getValue().size(); i++) {
          rejectUnknownKeys(field.getValue().get(i), element, key + "[" + i + "]");
        }
      } else {
        rejectUnknownKeys(field.getValue(), component.getType(), key);
      }
    }
  }

  /** The incident of this kind, if the schedule has one. */
  public List<Incident> incidents(IncidentKind kind) {
    return incidents.stream().filter(i -> i.kind() == kind).toList();
  }

  /** The steady traffic (no incidents but the cost runaway, which the generator draws itself). */
  public TrafficProfile traffic() {
    double weights = services.stream().mapToDouble(Service::weight).sum();
    List<ServiceProfile> profiles = services.stream().map(s -> new ServiceProfile(s.name(),
        requestsPerSecond * s.weight() / weights, s.routes().stream().map(Route::toProfile).toList())).toList();
    TrafficProfile traffic = new TrafficProfile(profiles, clientErrorShare, serverErrorShare, LogProfile.none(),
        Optional.empty(), "production", users, Optional.empty());
    return costs == null ? traffic : traffic.withCosts(costs.toProfile(incidents(IncidentKind.costRunaway)));
  }

  Optional<Route> route(String service, String route) {
    return findRoute(services, service, route);
  }

  private static Optional<Route> findRoute(List<Service> services, String service, String route) {
    return services.stream().filter(s -> s.name().equals(service)).flatMap(s -> s.routes().stream())
        .filter(r -> r.route().equals(route)).findFirst();
  }


  /**
   * One service.
   *
   * @param weight relative share of {@link #requestsPerSecond()} (default 1)
   */
  public record Service(String name, Double weight, List<Route> routes) {
    public Service {
      require(name, "services[].name");
      weight = weight == null ? 1 : weight;
      if (!(weight > 0)) {
        throw new ConfigException("services[" + name + "].weight must be > 0, got " + weight);
      }
      routes = List.copyOf(require(routes, "services[" + name + "].routes"));
    }
  }

  /**
   * One route of a service, with its latency as people state it: median and p95 (a lognormal).
   *
   * @param weight relative share of the service's requests (default 1)
   */
  public record Route(String route, Double weight, Double medianMs, Double p95Ms) {
    public Route {
      require(route, "routes[].route");
      weight = weight == null ? 1 : weight;
      require(medianMs, "routes[" + route + "].medianMs");
      require(p95Ms, "routes[" + route + "].p95Ms");
      if (!(medianMs > 0) || p95Ms < medianMs) {
        throw new ConfigException("routes[" + route + "]: medianMs must be > 0 and p95Ms >= medianMs, got "
            + medianMs + " and " + p95Ms);
      }
    }

    LatencyModel latency() {
      return LatencyModel.ofMedianAndP95(medianMs, p95Ms);
    }

    RouteProfile toProfile() {
      try {
        return new RouteProfile(route, weight, latency());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("routes[" + route + "]: " + e.getMessage());
      }
    }
  }

  /**
   * The cost mix: every 2xx call of {@code service}/{@code route} is billed by tokens at a provider.
   *
   * @param users how many users make the billed calls ({@code <prefix>-0} …)
   */
  public record Costs(String service, String route, String operation, Double medianTokens, Double p95Tokens,
      Integer users, List<Provider> providers) {
    public Costs {
      require(service, "costs.service");
      require(route, "costs.route");
      operation = operation == null ? "chat.completions" : operation;
      require(medianTokens, "costs.medianTokens");
      require(p95Tokens, "costs.p95Tokens");
      users = users == null ? 20 : users;
      if (users < 1) {
        throw new ConfigException("costs.users must be >= 1, got " + users);
      }
      providers = List.copyOf(require(providers, "costs.providers"));
    }

    CostProfile toProfile(List<Incident> runaways) {
      List<String> ids = IntStream.range(0, users).mapToObj(u -> "llm-user-" + u).toList();
      Optional<CostProfile.Runaway> runaway = runaways.stream().findFirst()
          .map(r -> new CostProfile.Runaway(r.user(), r.at(), r.share(), r.tokenFactor()));
      try {
        return new CostProfile(service, route, operation, LatencyModel.ofMedianAndP95(medianTokens, p95Tokens),
            providers.stream().map(p -> new CostProfile.Provider(p.name(), p.share(),
                BigDecimal.valueOf(p.usdPerMillionTokens()))).toList(), ids, runaway);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("costs: " + e.getMessage());
      }
    }
  }

  public record Provider(String name, Double share, Double usdPerMillionTokens) {
    public Provider {
      require(name, "costs.providers[].name");
      require(share, "costs.providers[" + name + "].share");
      require(usdPerMillionTokens, "costs.providers[" + name + "].usdPerMillionTokens");
    }
  }

  /**
   * Changes to the shipped rules for this run.
   *
   * @param overrides per shipped rule name, keys laid over that rule (e.g. {@code ServiceSilent: {warning: 2m}})
   * @param budgets   the rules file's {@code budgets:} section (the shipped file has none)
   */
  public record Rules(Map<String, Map<String, Object>> overrides, Map<String, Object> budgets) {
    public Rules {
      overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
      budgets = budgets == null ? Map.of() : Map.copyOf(budgets);
    }
  }

  /**
   * Benchmarks run after the traffic, on the same broker.
   *
   * @param gatewayEvents   events through the gateway, and the same through a direct producer
   * @param processorEvents events for the processor against a plain consumer
   * @param memorySeries    series counts to fill through the request topology for the heap per series
   */
  public record Benchmarks(Long gatewayEvents, Long processorEvents, List<Integer> memorySeries) {
    public Benchmarks {
      require(gatewayEvents, "benchmarks.gatewayEvents");
      require(processorEvents, "benchmarks.processorEvents");
      memorySeries = memorySeries == null ? List.of() : List.copyOf(memorySeries);
      for (int series : memorySeries) {
        if (series < 10 || series % 10 != 0) {
          throw new ConfigException("benchmarks.memorySeries: " + series + " is not a multiple of 10 (9 routes and * per service)");
        }
      }
    }
  }

  /**
   * One injected incident. Which fields apply depends on {@link #kind()} (load-tests/README.md).
   *
   * @param at       when it starts, from the start of traffic
   * @param duration how long it lasts (not for costRunaway: a runaway goes on to the end)
   */
  public record Incident(String name, IncidentKind kind, String service, String route, String user, Duration at,
      Duration duration, Double medianMs, Double p95Ms, Double serverErrorShare, Double share,
      Double tokenFactor) {

    public Incident {
      require(name, "incidents[].name");
      require(kind, "incidents[" + name + "].kind");
      require(at, "incidents[" + name + "].at");
    }

    /** Checks the fields this kind needs and forbids the others, against the profile's services. */
    void check(String path, List<Service> services, Costs costs) {
      List<String> needed = new ArrayList<>(kind.required());
      if (kind != IncidentKind.costRunaway && (kind != IncidentKind.silence || duration != null)) {
        needed.add("duration"); // a silence without one lasts to the end of the run
      }
      Map<String, Object> fields = new java.util.LinkedHashMap<>();
      fields.put("service", service);
      fields.put("route", route);
      fields.put("user", user);
      fields.put("duration", duration);
      fields.put("medianMs", medianMs);
      fields.put("p95Ms", p95Ms);
      fields.put("serverErrorShare", serverErrorShare);
      fields.put("share", share);
      fields.put("tokenFactor", tokenFactor);
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        boolean wanted = needed.contains(field.getKey());
        if (wanted && field.getValue() == null) {
          throw new ConfigException(path + "." + field.getKey() + " is required for a " + kind);
        }
        if (!wanted && field.getValue() != null) {
          throw new ConfigException(path + "." + field.getKey() + " does not apply to a " + kind
              + " (it takes " + String.join(", ", needed) + ")");
        }
      }
      if (service != null && services.stream().noneMatch(s -> s.name().equals(service))) {
        throw new ConfigException(path + ".service: no service named '" + service + "' in services");
      }
      if (route != null && findRoute(services, service, route).isEmpty()) {
        throw new ConfigException(path + ".route: service '" + service + "' has no route '" + route + "'");
      }
      if (kind == IncidentKind.costRunaway && costs == null) {
        throw new ConfigException(path + ": a costRunaway needs a costs section");
      }
      if (kind == IncidentKind.costRunaway) {
        checkShare(share, path + ".share");
        if (!(tokenFactor > 0)) {
          throw new ConfigException(path + ".tokenFactor must be > 0, got " + tokenFactor);
        }
      }
      if (serverErrorShare != null) {
        checkShare(serverErrorShare, path + ".serverErrorShare");
      }
      if (medianMs != null && !(medianMs > 0 && p95Ms >= medianMs)) {
        throw new ConfigException(path + ": medianMs must be > 0 and p95Ms >= medianMs");
      }
      if (kind == IncidentKind.drift && !(p95Ms > 0)) {
        throw new ConfigException(path + ".p95Ms must be > 0, got " + p95Ms);
      }
      if (duration != null && (duration.isZero() || duration.isNegative())) {
        throw new ConfigException(path + ".duration must be > 0, got " + duration);
      }
    }

    /** Whether the shipped rules should alert on it (a drift under the thresholds must not). */
    public boolean expectsAlert() {
      return kind != IncidentKind.drift;
    }
  }

  private static <T> T require(T value, String key) {
    if (value == null) {
      throw new ConfigException(key + " is required");
    }
    return value;
  }

  private static double checkShare(double value, String key) {
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigException(key + " must be between 0 and 1, got " + value);
    }
    return value;
  }
}

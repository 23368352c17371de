package dev.klaxon.processor.internal;

import dev.klaxon.processor.LatencyHistogram;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Latency quantiles, counts, error rate and auth failures per (service, route) and per service
 * (route {@code *}), and per environment for events that carry one: {@code checkout|GET /a} for
 * events without environment, {@code checkout|GET /a|production} for those in production.
 */
public final class RequestWindowAggregation implements WindowAggregation<RequestEvent, RequestAggregate> {

  public static final String ALL_ROUTES = "*";
  private static final int MAX_CACHED_SERIES = 100_000;

  // Series names are built once per (environment, service, route) and reused, so window keys hash
  // once and compare by identity. Not thread-safe: one instance per processor (task).
  private final Map<String, Map<String, String>> seriesByService = new HashMap<>(); // events without environment
  private final Map<String, Map<String, Map<String, String>>> seriesByEnvironment = new HashMap<>();
  private int cachedSeries;

  @Override
  public long timestampOf(RequestEvent event) {
    return event.getTimestamp();
  }

  /** The (service, route) series; the whole service's ({@code *}) is its rollup. */
  @Override
  public void forEachSeries(RequestEvent event, Consumer<String> series) {
    String service = event.getService();
    String environment = event.getEnvironment();
    boolean hasEnvironment = environment != null && !environment.isEmpty();
    Map<String, Map<String, String>> services = hasEnvironment ? servicesIn(environment) : seriesByService;
    Map<String, String> routes = services.get(service);
    if (routes == null) {
      if (cachedSeries >= MAX_CACHED_SERIES) { // route templates gone wrong: bound the memory
        seriesByService.clear();
        seriesByEnvironment.clear();
        cachedSeries = 0;
        services = hasEnvironment ? servicesIn(environment) : seriesByService;
      }
      routes = new HashMap<>();
      services.put(service, routes);
    }
    String route = event.getRoute();
    String perRoute = routes.get(route);
    if (perRoute == null) {
      perRoute = WindowKey.series(service, route, environment);
      routes.put(route, perRoute);
      cachedSeries++;
    }
    series.accept(perRoute);
  }

  private Map<String, Map<String, String>> servicesIn(String environment) {
    Map<String, Map<String, String>> services = seriesByEnvironment.get(environment);
    if (services == null) {
      services = new HashMap<>();
      seriesByEnvironment.put(environment, services);
    }
    return services;
  }

  /** A route's window counts in its service's window of route {@code *}, in the same environment. */
  @Override
  public WindowKey rollupOf(WindowKey member) {
    return new WindowKey(WindowKey.series(member.first(), ALL_ROUTES, member.environment()), member.sizeMs(),
        member.start());
  }

  @Override
  public boolean isRollup(WindowKey window) {
    return ALL_ROUTES.equals(window.second());
  }

  @Override
  public void merge(RequestAggregate rollup, RequestAggregate member) {
    rollup.merge(member);
  }

  @Override
  public RequestAggregate newAggregate() {
    return new RequestAggregate();
  }

  @Override
  public void add(RequestAggregate aggregate, RequestEvent event) {
    aggregate.add(event.getStatus(), event.getDurationMs());
  }

  @Override
  public byte[] encode(RequestAggregate aggregate) {
    return aggregate.encode();
  }

  @Override
  public RequestAggregate decode(byte[] bytes) {
    return RequestAggregate.decode(bytes);
  }

  @Override
  public SpecificRecord toRecord(WindowKey window, RequestAggregate a) {
    return record(window, a, true);
  }

  /**
   * Running values without the histogram ({@code histogram} empty): deflating it was most of the cost
   * of publishing a changed window at every commit interval (issue 13), and the alert path reads the
   * values only. The closed window carries it, for merging.
   */
  @Override
  public SpecificRecord toOpenRecord(WindowKey window, RequestAggregate a) {
    return record(window, a, false);
  }

  private static SpecificRecord record(WindowKey window, RequestAggregate a, boolean withHistogram) {
    // Read from the counts, no histogram built: this runs for every changed open window at every
    // commit interval (issue 13), and gives exactly the histogram's quantiles and encoding.
    double[] quantiles = a.latency.quantilesMillis(0.50, 0.95, 0.99);
    return RequestWindow.newBuilder()
        .setService(window.first())
        .setRoute(window.second())
        .setEnvironment(window.environment())
        .setWindowStart(window.start())
        .setWindowEnd(window.end())
        .setCount(a.count)
        .setErrors5xx(a.errors5xx)
        .setErrors4xx(a.errors4xx)
        .setAuthFailures(a.authFailures)
        .setErrorRate(a.count == 0 ? 0.0 : (double) a.errors5xx / a.count)
        .setP50(quantiles[0])
        .setP95(quantiles[1])
        .setP99(quantiles[2])
        .setMax(a.maxMs)
        .setMean(a.count == 0 ? 0.0 : a.sumMs / a.count)
        .setHistogram(withHistogram ? ByteBuffer.wrap(
            LatencyHistogram.encodeCompressed(a.latency.maxHistogramEncodingSize(), a.latency::encodeHistogram))
            : ByteBuffer.wrap(new byte[0]))
        .build();
  }

  /**
   * Refuses what this aggregation's keys cannot hold; the event rules (EventRules) have already
   * passed, so the values are in range.
   */
  public static RequestEvent requireKeyParts(RequestEvent event) {
    requireKeyPart("service", event.getService());
    requireKeyPart("route", event.getRoute());
    if (ALL_ROUTES.equals(event.getRoute())) {
      throw new IllegalArgumentException("route must not be '" + ALL_ROUTES + "': it names the whole service's series");
    }
    if (event.getEnvironment() != null) {
      requireKeyPart("environment", event.getEnvironment());
    }
    return event;
  }

  static void requireKeyPart(String field, String value) {
    if (value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(field + " must not contain '|' (it separates key parts): " + value);
    }
  }
}

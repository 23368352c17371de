package dev.klaxon.processor.internal;

import dev.klaxon.processor.LatencyHistogram;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.RequestWindow;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/** Latency quantiles, counts and error rate per (service, route) and per service (route {@code *}). */
public final class RequestWindowAggregation implements WindowAggregation<RequestEvent, RequestAggregate> {

  public static final String ALL_ROUTES = "*";
  private static final int MAX_CACHED_SERIES = 100_000;

  // Series names are built once per (service, route) and reused, so window keys hash once and
  // compare by identity. Not thread-safe: one instance per processor (task).
  private final Map<String, ServiceSeries> seriesByService = new HashMap<>();
  private int cachedSeries;

  @Override
  public long timestampOf(RequestEvent event) {
    return event.getTimestamp();
  }

  @Override
  public void forEachSeries(RequestEvent event, Consumer<String> series) {
    String service = event.getService();
    ServiceSeries known = seriesByService.get(service);
    if (known == null) {
      if (cachedSeries >= MAX_CACHED_SERIES) { // route templates gone wrong: bound the memory
        seriesByService.clear();
        cachedSeries = 0;
      }
      known = new ServiceSeries(service + '|' + ALL_ROUTES);
      seriesByService.put(service, known);
    }
    String route = event.getRoute();
    String perRoute = known.byRoute.get(route);
    if (perRoute == null) {
      perRoute = service + '|' + route;
      known.byRoute.put(route, perRoute);
      cachedSeries++;
    }
    series.accept(perRoute);
    series.accept(known.allRoutes);
  }

  private static final class ServiceSeries {
    final String allRoutes;
    final Map<String, String> byRoute = new HashMap<>();

    ServiceSeries(String allRoutes) {
      this.allRoutes = allRoutes;
    }
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
    int split = window.series().indexOf('|');
    return RequestWindow.newBuilder()
        .setService(window.series().substring(0, split))
        .setRoute(window.series().substring(split + 1))
        .setWindowStart(window.start())
        .setWindowEnd(window.end())
        .setCount(a.count)
        .setErrors5xx(a.errors5xx)
        .setErrors4xx(a.errors4xx)
        .setErrorRate(a.count == 0 ? 0.0 : (double) a.errors5xx / a.count)
        .setP50(LatencyHistogram.quantileMillis(a.latencyMicros, 0.50))
        .setP95(LatencyHistogram.quantileMillis(a.latencyMicros, 0.95))
        .setP99(LatencyHistogram.quantileMillis(a.latencyMicros, 0.99))
        .setMax(a.maxMs)
        .setMean(a.count == 0 ? 0.0 : a.sumMs / a.count)
        .setHistogram(ByteBuffer.wrap(LatencyHistogram.encodeCompressed(a.latencyMicros)))
        .build();
  }

  /**
   * Refuses what this aggregation's keys cannot hold; the event rules (EventRules) have already
   * passed, so the values are in range.
   */
  public static RequestEvent requireKeyParts(RequestEvent event) {
    requireKeyPart("service", event.getService());
    requireKeyPart("route", event.getRoute());
    return event;
  }

  static void requireKeyPart(String field, String value) {
    if (value.indexOf('|') >= 0) {
      throw new IllegalArgumentException(field + " must not contain '|' (it separates key parts): " + value);
    }
  }
}

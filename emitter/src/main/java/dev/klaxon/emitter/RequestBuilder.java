package dev.klaxon.emitter;

import dev.klaxon.schemas.RequestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request served, from {@link KlaxonEmitter#request(String)}. Required: {@code route} (given),
 * {@code status}, a duration, and {@code service} unless the emitter has a default. The
 * timestamp defaults to the emitter clock's now at {@link #build()}. Not thread-safe; one per
 * request.
 */
public final class RequestBuilder {

  private final KlaxonEmitter emitter;
  private final RequestEvent event = new RequestEvent();
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private boolean statusSet;
  private boolean durationSet;
  private Long timestamp;

  RequestBuilder(KlaxonEmitter emitter, String route) {
    this.emitter = emitter;
    event.setRoute(route);
    event.setService(emitter.defaultService());
    event.setEnvironment(emitter.defaultEnvironment());
  }

  /** Overrides the emitter's default service. */
  public RequestBuilder service(String service) {
    event.setService(service);
    return this;
  }

  /** The route template ({@code GET /users/{id}}), not the raw path, so series stay few. */
  public RequestBuilder route(String route) {
    event.setRoute(route);
    return this;
  }

  public RequestBuilder method(String method) {
    event.setMethod(method);
    return this;
  }

  /** HTTP status, 100–599. */
  public RequestBuilder status(int status) {
    event.setStatus(status);
    statusSet = true;
    return this;
  }

  public RequestBuilder durationMs(double durationMs) {
    event.setDurationMs(durationMs);
    durationSet = true;
    return this;
  }

  /** The duration at nanosecond precision, as fractional milliseconds. */
  public RequestBuilder duration(Duration duration) {
    return durationMs(duration.toNanos() / 1_000_000.0);
  }

  public RequestBuilder timestamp(Instant timestamp) {
    this.timestamp = timestamp.toEpochMilli();
    return this;
  }

  public RequestBuilder timestampMillis(long epochMillis) {
    this.timestamp = epochMillis;
    return this;
  }

  public RequestBuilder userId(String userId) {
    event.setUserId(userId);
    return this;
  }

  public RequestBuilder requestId(String requestId) {
    event.setRequestId(requestId);
    return this;
  }

  /** Overrides the emitter's default environment. */
  public RequestBuilder environment(String environment) {
    event.setEnvironment(environment);
    return this;
  }

  public RequestBuilder attribute(String key, String value) {
    attributes.put(key, value);
    return this;
  }

  public RequestBuilder attributes(Map<String, String> values) {
    attributes.putAll(values);
    return this;
  }

  /**
   * The event, validated.
   *
   * @throws InvalidEventException naming every missing or invalid field
   */
  public RequestEvent build() {
    List<String> unset = new ArrayList<>(2);
    if (!statusSet) {
      unset.add("status");
    }
    if (!durationSet) {
      unset.add("durationMs");
    }
    emitter.validate(withDefaults(), unset);
    return RequestEvent.newBuilder(event).build(); // a copy: this builder may be changed and reused
  }

  /**
   * Validates and enqueues the event; never blocks. Returns whether it was accepted (false when
   * dropped: queue full or emitter closed).
   *
   * @throws InvalidEventException naming every missing or invalid field
   */
  public boolean emit() {
    return emitter.enqueue(build());
  }

  private RequestEvent withDefaults() {
    event.setTimestamp(timestamp != null ? timestamp : emitter.clock().millis());
    event.setAttributes(new LinkedHashMap<>(attributes));
    return event;
  }
}

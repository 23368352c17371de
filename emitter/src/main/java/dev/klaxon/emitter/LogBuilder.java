package dev.klaxon.emitter;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One log line, from {@link KlaxonEmitter#log(LogLevel, String)}. Required: {@code level} and
 * {@code message} (given), and {@code service} unless the emitter has a default. The timestamp
 * defaults to the emitter clock's now at {@link #build()}. Not thread-safe.
 */
public final class LogBuilder {

  private final KlaxonEmitter emitter;
  private final LogEvent event = new LogEvent();
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private Long timestamp;

  LogBuilder(KlaxonEmitter emitter, LogLevel level, String message) {
    this.emitter = emitter;
    event.setLevel(level);
    event.setMessage(message);
    event.setService(emitter.defaultService());
    event.setEnvironment(emitter.defaultEnvironment());
  }

  /** Overrides the emitter's default environment. */
  public LogBuilder environment(String environment) {
    event.setEnvironment(environment);
    return this;
  }

  /** Overrides the emitter's default service. */
  public LogBuilder service(String service) {
    event.setService(service);
    return this;
  }

  public LogBuilder logger(String logger) {
    event.setLogger(logger);
    return this;
  }

  /** Error category, e.g. {@code ProviderTimeout}. */
  public LogBuilder errorType(String errorType) {
    event.setErrorType(errorType);
    return this;
  }

  /** Sets {@code errorType} to the class name of {@code error}. */
  public LogBuilder error(Throwable error) {
    return errorType(error.getClass().getName());
  }

  public LogBuilder timestamp(Instant timestamp) {
    this.timestamp = timestamp.toEpochMilli();
    return this;
  }

  public LogBuilder timestampMillis(long epochMillis) {
    this.timestamp = epochMillis;
    return this;
  }

  public LogBuilder requestId(String requestId) {
    event.setRequestId(requestId);
    return this;
  }

  public LogBuilder userId(String userId) {
    event.setUserId(userId);
    return this;
  }

  public LogBuilder attribute(String key, String value) {
    attributes.put(key, value);
    return this;
  }

  public LogBuilder attributes(Map<String, String> values) {
    attributes.putAll(values);
    return this;
  }

  /**
   * The event, validated.
   *
   * @throws InvalidEventException naming every missing or invalid field
   */
  public LogEvent build() {
    event.setTimestamp(timestamp != null ? timestamp : emitter.clock().millis());
    event.setAttributes(new LinkedHashMap<>(attributes));
    emitter.validate(event, List.of());
    return LogEvent.newBuilder(event).build(); // a copy: this builder may be changed and reused
  }

  /**
   * Validates and enqueues the event; never blocks. Returns whether it was accepted.
   *
   * @throws InvalidEventException naming every missing or invalid field
   */
  public boolean emit() {
    return emitter.enqueue(build());
  }
}

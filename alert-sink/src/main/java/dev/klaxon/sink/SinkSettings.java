package dev.klaxon.sink;

import dev.klaxon.schemas.Topics;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import dev.klaxon.sink.notify.delivery.TimeSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how the sink runs (the routing itself is {@link dev.klaxon.sink.config.SinkConfig}).
 *
 * @param kafka client properties, at least {@code bootstrap.servers}; any Kafka client setting passes through
 * @param groupId consumer group base name: instances with the same one share the work
 * @param httpPort {@code /metrics} and {@code /health/*}; 0 picks a free port, -1 turns it off
 * @param apiPort the silences API; 0 picks a free port, -1 turns it off
 * @param apiTokens admin keys for the silences API; none = loopback only
 * @param integrations notifier factories by type ({@code slack}...), given the counters the sink exports
 *     (render fallbacks are counted inside the notifiers)
 * @param retryPolicy the delivery stage's per-attempt timeout, retry budget and backoff
 * @param deliveryTime how the delivery stage reads time and waits (backoff, Retry-After, pacing); tests pass virtual time
 * @param statePartitions partitions of the group-state topic when the sink creates it; 0 = as many as the alerts topic
 */
public record SinkSettings(Map<String, Object> kafka, Topics topics, String groupId, Optional<String> schemaRegistryUrl,
    int httpPort, int apiPort, List<Secret> apiTokens,
    Function<NotifyStats, Map<String, Integration>> integrations, RetryPolicy retryPolicy, TimeSource deliveryTime,
    int statePartitions, Clock clock) {

  public static final String DEFAULT_GROUP_ID = "klaxon-alert-sink";

  public SinkSettings {
    kafka = Map.copyOf(kafka);
    apiTokens = List.copyOf(apiTokens);
  }

  /** Defaults: Klaxon's topics, ports 9465 (ops) and 9466 (API), Klaxon's own integrations (slack, discord, pagerduty, webhook). */
  public static SinkSettings defaults(String bootstrapServers) {
    return new SinkSettings(Map.of("bootstrap.servers", bootstrapServers), Topics.defaults(), DEFAULT_GROUP_ID,
        Optional.empty(), SinkSection.DEFAULT_HTTP_PORT, SinkSection.DEFAULT_API_PORT, List.of(),
        stats -> Integrations.standard(stats).byType(), RetryPolicy.defaults(), TimeSource.system(), 0,
        Clock.systemUTC());
  }

  public SinkSettings withTopics(Topics value) {
    return new SinkSettings(kafka, value, groupId, schemaRegistryUrl, httpPort, apiPort, apiTokens, integrations,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withGroupId(String value) {
    return new SinkSettings(kafka, topics, value, schemaRegistryUrl, httpPort, apiPort, apiTokens, integrations,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withPorts(int http, int api) {
    return new SinkSettings(kafka, topics, groupId, schemaRegistryUrl, http, api, apiTokens, integrations,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withApiTokens(List<Secret> value) {
    return new SinkSettings(kafka, topics, groupId, schemaRegistryUrl, httpPort, apiPort, value, integrations,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  /** Fixed integrations (tests): they count nothing themselves. */
  public SinkSettings withIntegrations(Map<String, Integration> value) {
    Map<String, Integration> copy = Map.copyOf(value);
    return withIntegrations(stats -> copy);
  }

  public SinkSettings withIntegrations(Function<NotifyStats, Map<String, Integration>> value) {
    return new SinkSettings(kafka, topics, groupId, schemaRegistryUrl, httpPort, apiPort, apiTokens, value,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withRetryPolicy(RetryPolicy value) {
    return new SinkSettings(kafka, topics, groupId, schemaRegistryUrl, httpPort, apiPort, apiTokens, integrations,
        value, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withDeliveryTime(TimeSource value) {
    return new SinkSettings(kafka, topics, groupId, schemaRegistryUrl, httpPort, apiPort, apiTokens, integrations,
        retryPolicy, value, statePartitions, clock);
  }

  public SinkSettings withKafka(Map<String, Object> value) {
    return new SinkSettings(value, topics, groupId, schemaRegistryUrl, httpPort, apiPort, apiTokens, integrations,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withSchemaRegistryUrl(Optional<String> value) {
    return new SinkSettings(kafka, topics, groupId, value, httpPort, apiPort, apiTokens, integrations,
        retryPolicy, deliveryTime, statePartitions, clock);
  }

  public SinkSettings withClock(Clock value) {
    return new SinkSettings(kafka, topics, groupId, schemaRegistryUrl, httpPort, apiPort, apiTokens, integrations,
        retryPolicy, deliveryTime, statePartitions, value);
  }
}

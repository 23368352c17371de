package dev.klaxon.replay.copy;

import dev.klaxon.replay.run.ReplayTopics;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One event per replay input partition, at the range's {@code end + grace}, so every window of the
 * range closes by event time, exactly as it does live when later traffic arrives. The alternative,
 * waiting for the processor's wall-clock idle close, would make the replay wait and, on a machine
 * that stalls mid-backlog, could close windows before their events were processed.
 *
 * <p>A marker belongs to the service {@value #SERVICE}: its own windows start after the range and
 * never close, so it is in no result. It uses the registry-free encoding, so it never registers
 * anything in a schema registry.
 */
public final class EndMarkers {

  public static final String SERVICE = "klaxon-replay";

  private EndMarkers() {}

  /** Sends one marker to every partition of the replay's requests, logs and costs topics; returns how many. */
  public static int send(Producer<byte[], byte[]> producer, ReplayTopics topics, Map<String, Integer> partitions,
      Instant closesAt) {
    long at = closesAt.toEpochMilli();
    Topics replay = topics.replay();
    byte[] request = AvroSerde.embedded(RequestEvent.class).encode(RequestEvent.newBuilder().setService(SERVICE)
        .setRoute("end of range").setStatus(200).setDurationMs(0).setTimestamp(at).build());
    byte[] log = AvroSerde.embedded(LogEvent.class).encode(LogEvent.newBuilder().setService(SERVICE)
        .setLevel(LogLevel.debug).setMessage("end of range").setTimestamp(at).build());
    byte[] cost = AvroSerde.embedded(CostEvent.class).encode(CostEvent.newBuilder().setService(SERVICE)
        .setUserId(SERVICE).setProvider(SERVICE).setCostUsd(BigDecimal.ZERO.setScale(9)).setTimestamp(at).build());
    int sent = 0;
    sent += sendToAll(producer, topics.requireOwned(replay.requests()), partitions, at, request);
    sent += sendToAll(producer, topics.requireOwned(replay.logs()), partitions, at, log);
    sent += sendToAll(producer, topics.requireOwned(replay.costs()), partitions, at, cost);
    producer.flush();
    return sent;
  }

  private static int sendToAll(Producer<byte[], byte[]> producer, String topic, Map<String, Integer> partitions,
      long at, byte[] value) {
    int count = partitions.getOrDefault(topic, 1);
    byte[] key = SERVICE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (int partition = 0; partition < count; partition++) {
      producer.send(new ProducerRecord<>(topic, partition, at, key, value));
    }
    return count;
  }
}

package dev.klaxon.replay.copy;

import dev.klaxon.replay.run.ReplayTopics;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * One event per replay input partition, at the range's {@code end + grace}, so every window of the
 * range closes by event time, exactly as it does live when later traffic arrives. The alternative,
 * waiting for the processor's wall-clock idle close, would make the replay wait and, on a machine
 * that stalls mid-backlog, could close windows before their events were processed.
 *
 * <p>Costs need more than one per partition: spend is summed after a repartition by user and by
 * service, and each task there closes windows only when every input partition's watermark has
 * passed them (see the cost aggregator's {@code SpendWindowProcessor}). So each costs partition gets
 * one marker per repartition partition, whose user and service are both keyed to that partition
 * ({@link #owner}): every input partition's watermark then reaches the end in every task.
 *
 * <p>A marker belongs to the service {@value #SERVICE} (costs: names starting with it, see
 * {@link #isMarker}): its own windows start after the range and never close, so it is in no result.
 * It uses the registry-free encoding, so it never registers anything in a schema registry.
 */
public final class EndMarkers {

  public static final String SERVICE = "klaxon-replay";

  private EndMarkers() {}

  /**
   * Sends one marker to every partition of the replay's requests and logs topics, and one per
   * repartition partition to every partition of its costs topic; returns how many.
   */
  public static int send(Producer<byte[], byte[]> producer, ReplayTopics topics, Map<String, Integer> partitions,
      Instant closesAt) {
    long at = closesAt.toEpochMilli();
    Topics replay = topics.replay();
    byte[] request = AvroSerde.embedded(RequestEvent.class).encode(RequestEvent.newBuilder().setService(SERVICE)
        .setRoute("end of range").setStatus(200).setDurationMs(0).setTimestamp(at).build());
    byte[] log = AvroSerde.embedded(LogEvent.class).encode(LogEvent.newBuilder().setService(SERVICE)
        .setLevel(LogLevel.debug).setMessage("end of range").setTimestamp(at).build());
    int sent = 0;
    sent += sendToAll(producer, topics.requireOwned(replay.requests()), partitions, at, request);
    sent += sendToAll(producer, topics.requireOwned(replay.logs()), partitions, at, log);
    String costs = topics.requireOwned(replay.costs());
    int costPartitions = partitions.getOrDefault(costs, 1);
    for (int target = 0; target < costPartitions; target++) { // the repartition topics have as many partitions
      String owner = owner(target, costPartitions);
      byte[] cost = AvroSerde.embedded(CostEvent.class).encode(CostEvent.newBuilder().setService(owner)
          .setUserId(owner).setProvider(SERVICE).setCostUsd(BigDecimal.ZERO.setScale(9)).setTimestamp(at).build());
      sent += sendToAll(producer, costs, partitions, at, cost);
    }
    producer.flush();
    return sent;
  }

  /**
   * A marker user and service that the default partitioner (murmur2 of the UTF-8 bytes, as the
   * repartition by owner uses) puts in {@code partition} of {@code partitions}: {@value #SERVICE} or
   * {@value #SERVICE}-1, -2, ..., the first that fits.
   */
  public static String owner(int partition, int partitions) {
    for (int n = 0; ; n++) {
      String name = n == 0 ? SERVICE : SERVICE + "-" + n;
      if (Utils.toPositive(Utils.murmur2(name.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
        return name;
      }
    }
  }

  /** Whether a user, provider or service name is a marker's. */
  public static boolean isMarker(String name) {
    return name != null && (name.equals(SERVICE) || name.startsWith(SERVICE + "-"));
  }

  private static int sendToAll(Producer<byte[], byte[]> producer, String topic, Map<String, Integer> partitions,
      long at, byte[] value) {
    int count = partitions.getOrDefault(topic, 1);
    byte[] key = SERVICE.getBytes(StandardCharsets.UTF_8);
    for (int partition = 0; partition < count; partition++) {
      producer.send(new ProducerRecord<>(topic, partition, at, key, value));
    }
    return count;
  }
}

package dev.klaxon.replay.copy;

import dev.klaxon.replay.ReplayRequest;
import dev.klaxon.replay.run.ReplayTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Copies the planned offsets of the live input topics into the replay's own input topics: same
 * partition, key, value, timestamp and headers, so the replayed processor sees each partition as the
 * live one did. Only the consumer touches live topics, and it only reads (read_committed, no group,
 * nothing committed); every produced record goes through {@link ReplayTopics#copyOf}.
 */
public final class RangeCopier {

  /** How many records were read from the live topics, and how many written to the replay's. */
  public record Copied(long read, long written) {}

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final ReplayTopics topics;
  private final ServiceOf serviceOf;

  public RangeCopier(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, ReplayTopics topics,
      dev.klaxon.schemas.serde.AvroSerdes serdes) {
    this.consumer = consumer;
    this.producer = producer;
    this.topics = topics;
    this.serviceOf = new ServiceOf(topics.live(), serdes);
  }

  /** @param progress told the running count of records read, about once per poll */
  public Copied copy(RangePlan plan, ReplayRequest request, LongConsumer progress) {
    long start = request.range().start().toEpochMilli();
    long closesAt = request.closesAt().toEpochMilli();
    PlannedRead read = new PlannedRead(consumer, plan.partitions());
    List<Future<RecordMetadata>> pending = new ArrayList<>();
    long[] counts = {0, 0}; // read, written
    while (!read.done()) {
      read.poll(record -> {
        counts[0]++;
        if (keep(record, request, start, closesAt)) {
          pending.add(producer.send(new ProducerRecord<>(topics.copyOf(record.topic()), record.partition(),
              record.timestamp(), record.key(), record.value(), record.headers())));
          counts[1]++;
        }
      });
      progress.accept(counts[0]);
      if (pending.size() > 50_000) {
        awaitAll(pending);
      }
    }
    producer.flush();
    awaitAll(pending);
    return new Copied(counts[0], counts[1]);
  }

  private boolean keep(ConsumerRecord<byte[], byte[]> record, ReplayRequest request, long start, long closesAt) {
    long timestamp = record.timestamp();
    if (timestamp < start) {
      return false; // arrived late for a window before the range: not part of it
    }
    if (timestamp >= closesAt) {
      return true; // the record that closes the range's last windows, whatever its service
    }
    if (request.services().isEmpty()) {
      return true; // no need to find the service
    }
    return serviceOf.apply(record).map(request::selects).orElse(true);
  }

  private static void awaitAll(List<Future<RecordMetadata>> pending) {
    try {
      for (Future<RecordMetadata> sent : pending) {
        sent.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("copying to the replay's topics failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while copying");
    }
    pending.clear();
  }
}

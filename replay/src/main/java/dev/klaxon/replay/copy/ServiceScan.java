package dev.klaxon.replay.copy;

import dev.klaxon.replay.ReplayException;
import dev.klaxon.replay.ReplayRequest;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code --services}: checks, before the replay creates or copies anything, that every named service has
 * events in the range. Reads the planned offsets (read only, as the copy does), the partitions taking
 * turns, and stops as soon as every named service was seen: usually after one poll per partition. Requests and logs come
 * first, answered by their key; costs, which must be decoded, only if a service is still missing. Only
 * when one is missing is the whole range read, to name the services that do have events there.
 */
public final class ServiceScan {

  private final Consumer<byte[], byte[]> consumer;
  private final ServiceOf serviceOf;
  private final Topics live;

  public ServiceScan(Consumer<byte[], byte[]> consumer, Topics live, AvroSerdes serdes) {
    this.consumer = consumer;
    this.serviceOf = new ServiceOf(live, serdes);
    this.live = live;
  }

  /**
   * @param progress told the running count of records read
   * @throws ReplayException naming the services without events and those with events in the range
   */
  public void requireKnown(RangePlan plan, ReplayRequest request, LongConsumer progress) {
    if (request.services().isEmpty()) {
      return;
    }
    Set<String> missing = new TreeSet<>(request.services());
    Set<String> seen = new TreeSet<>();
    long[] read = {0};
    List<PartitionRange> keyed = new ArrayList<>();
    List<PartitionRange> costs = new ArrayList<>();
    plan.partitions().stream().filter(r -> r.size() > 0)
        .forEach(r -> (r.partition().topic().equals(live.costs()) ? costs : keyed).add(r));
    for (List<PartitionRange> ranges : List.of(keyed, costs)) {
      if (!missing.isEmpty()) {
        scan(ranges, request, missing, seen, read, progress);
      }
    }
    if (!missing.isEmpty()) {
      throw new ReplayException("no events of " + String.join(", ", missing) + " in the range; services with events "
          + "there: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
    }
  }

  /**
   * Partitions take turns: one that just delivered waits until every other has delivered too. A poll
   * drains one partition's fetched data before the next's, and a keyed service lives in one partition
   * per topic, so without turns the scan could read whole partitions of other services first.
   */
  private void takeTurns(Set<TopicPartition> delivered, Set<TopicPartition> remaining) {
    consumer.pause(delivered);
    if (consumer.paused().containsAll(remaining)) {
      consumer.resume(remaining);
    }
  }

  private void scan(List<PartitionRange> ranges, ReplayRequest request, Set<String> missing, Set<String> seen,
      long[] read, LongConsumer progress) {
    long start = request.range().start().toEpochMilli();
    long end = request.range().end().toEpochMilli();
    PlannedRead plan = new PlannedRead(consumer, ranges);
    while (!plan.done() && !missing.isEmpty()) {
      Set<TopicPartition> delivered = plan.poll(record -> {
        read[0]++;
        if (record.timestamp() >= start && record.timestamp() < end) {
          serviceOf.apply(record).ifPresent(service -> {
            seen.add(service);
            missing.remove(service);
          });
        }
      });
      takeTurns(delivered, plan.remaining());
      progress.accept(read[0]);
    }
    consumer.unsubscribe();
  }
}

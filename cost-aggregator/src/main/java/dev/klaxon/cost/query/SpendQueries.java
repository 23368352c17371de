package dev.klaxon.cost.query;

import dev.klaxon.cost.SpendTopology;
import dev.klaxon.cost.query.TopSpenders.UserTotal;
import dev.klaxon.schemas.SpendWindow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers spend queries when several instances share the work: a user's windows live in the store
 * partition of the user id (the default partitioner on the user id string, as the costs topic and
 * the topology key users), so one instance answers for a user and the others forward to it; the top
 * spenders are each instance's top, merged.
 *
 * <p>The store is read as it is, including what the current transaction has not committed yet: a
 * running total may be a few hundred milliseconds ahead of the committed windows, never behind.
 */
final class SpendQueries {

  private final KafkaStreams streams;
  private final HostInfo self;
  private final InstanceClient instances;
  private final Clock clock;

  SpendQueries(KafkaStreams streams, HostInfo self, InstanceClient instances, Clock clock) {
    this.streams = streams;
    this.self = self;
    this.instances = instances;
    this.clock = clock;
  }

  /** @param localOnly a forwarded request: answer from this instance's store, never forward again */
  UserSpend user(String userId, SpendPeriod period, boolean localOnly) {
    requireRunning();
    KeyQueryMetadata owner = streams.queryMetadataForKey(SpendTopology.WINDOW_STORE, userId, new StringSerializer());
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      throw SpendQueryException.unavailable("no instance owns user " + userId + "'s partition yet (rebalancing)");
    }
    if (owner.activeHost().equals(self)) {
      long start = period.startAt(Instant.now(clock));
      return SpendReader.user(store(owner.partition()), userId, period, start);
    }
    if (localOnly) {
      throw SpendQueryException.unavailable("user " + userId + "'s partition moved off this instance (rebalancing)");
    }
    return join(instances.get(owner.activeHost(), "/api/v1/spend/users/" + encode(userId) + "?period="
        + period.label(), UserSpend.class));
  }

  /** @param localOnly a forwarded request: this instance's top only */
  TopSpenders top(SpendPeriod period, int limit, boolean localOnly) {
    requireRunning();
    long start = period.startAt(Instant.now(clock));
    String end = Instant.ofEpochMilli(period.granularity().endOf(start)).toString();
    if (localOnly) {
      return new TopSpenders(period.label(), Instant.ofEpochMilli(start).toString(), end, 1,
          SpendReader.top(store(null), period, start, limit));
    }
    Collection<StreamsMetadata> owners = streams.streamsMetadataForStore(SpendTopology.WINDOW_STORE);
    if (owners.isEmpty()) {
      throw SpendQueryException.unavailable("no instance holds spend partitions yet (rebalancing)");
    }
    List<CompletableFuture<List<UserTotal>>> parts = new ArrayList<>();
    for (StreamsMetadata owner : owners) {
      if (owner.hostInfo().equals(self)) {
        parts.add(CompletableFuture.completedFuture(SpendReader.top(store(null), period, start, limit)));
      } else {
        parts.add(instances.get(owner.hostInfo(), "/api/v1/spend/top?period=" + period.label() + "&limit=" + limit,
            TopSpenders.class).thenApply(TopSpenders::users));
      }
    }
    List<UserTotal> merged = new ArrayList<>();
    parts.forEach(part -> merged.addAll(join(part)));
    merged.sort(SpendReader.MOST_SPENT);
    return new TopSpenders(period.label(), Instant.ofEpochMilli(start).toString(), end, owners.size(),
        List.copyOf(merged.subList(0, Math.min(limit, merged.size()))));
  }

  private void requireRunning() {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw SpendQueryException.unavailable("the cost role is " + streams.state() + ", not RUNNING; retry shortly");
    }
  }

  /** This instance's active store, one partition of it or (null) all it holds. */
  private ReadOnlyKeyValueStore<String, SpendWindow> store(Integer partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, SpendWindow>> query = StoreQueryParameters
        .fromNameAndType(SpendTopology.WINDOW_STORE, QueryableStoreTypes.<String, SpendWindow>keyValueStore());
    try {
      return streams.store(partition == null ? query : query.withPartition(partition));
    } catch (InvalidStateStoreException e) {
      throw SpendQueryException.unavailable("the spend store is not queryable right now (" + e.getMessage() + ")");
    }
  }

  private static <T> T join(CompletableFuture<T> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SpendQueryException refused) {
        throw refused;
      }
      throw e;
    }
  }

  private static String encode(String userId) {
    return URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

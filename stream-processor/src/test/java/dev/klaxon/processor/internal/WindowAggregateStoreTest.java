package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.RequestEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Rollup windows (the whole service's) are derived from their members, never kept (issue 13). */
class WindowAggregateStoreTest {

  private static final WindowKey ROUTE_A = new WindowKey("api|GET /a", 60_000, 0);
  private static final WindowKey ROUTE_B = new WindowKey("api|POST /b", 60_000, 0);
  private static final WindowKey SERVICE = new WindowKey("api|*", 60_000, 0);

  private final RequestWindowAggregation aggregation = new RequestWindowAggregation();
  private final KeyValueStore<Bytes, byte[]> inner = Stores.inMemoryKeyValueStore("test").get();

  @Test
  void aRollupIsMergedFromItsOpenMembersAndGoesWithThem() {
    WindowAggregateStore<RequestAggregate> store = new WindowAggregateStore<>(inner, aggregation);
    store.put(ROUTE_A, aggregate(200, 10, 20));
    store.put(ROUTE_B, aggregate(500, 300));
    store.put(new WindowKey("api|GET /a", 60_000, 60_000), aggregate(200, 1)); // another window

    RequestAggregate service = store.rollupsOf(List.of(ROUTE_A)).get(SERVICE);
    assertThat(service.count).isEqualTo(3);
    assertThat(service.errors5xx).isEqualTo(1);
    assertThat(service.maxMs).isEqualTo(300.0);

    store.remove(ROUTE_A);
    assertThat(store.rollupsOf(List.of(ROUTE_B)).get(SERVICE).count).isEqualTo(1);
    store.remove(ROUTE_B);
    assertThat(store.rollupsOf(List.of(ROUTE_A, ROUTE_B))).isEmpty();
  }

  @Test
  void aChangedMemberDrainsWithItsRollupMergedFromAllMembers() {
    WindowAggregateStore<RequestAggregate> store = new WindowAggregateStore<>(inner, aggregation);
    store.put(ROUTE_A, aggregate(200, 10));
    store.put(ROUTE_B, aggregate(500, 300));
    store.drainChanged((key, aggregate) -> { });

    aggregation.add(store.update(store.slotFor(ROUTE_A)), RequestEvent.newBuilder().setService("api").setRoute("GET /a")
        .setStatus(200).setDurationMs(20).setTimestamp(0).build());
    Map<WindowKey, Long> drained = new LinkedHashMap<>();
    store.drainChanged((key, aggregate) -> drained.put(key, aggregate.count));

    assertThat(drained).containsExactly(Map.entry(ROUTE_A, 2L), Map.entry(SERVICE, 3L));
    store.drainChanged((key, aggregate) -> drained.put(new WindowKey("again", 1, 0), 0L));
    assertThat(drained).hasSize(2);
  }

  @Test
  void rollupsKeptByAnEarlierVersionAreDroppedOnLoadAndDeletedAtTheNextCommit() {
    inner.put(Bytes.wrap(ROUTE_A.toBytes()), aggregate(200, 10, 20).encode());
    inner.put(Bytes.wrap(SERVICE.toBytes()), aggregate(200, 10, 20).encode());
    WindowAggregateStore<RequestAggregate> store = new WindowAggregateStore<>(inner, aggregation);

    assertThat(store.openWindows()).containsExactly(ROUTE_A);
    assertThat(store.rollupsOf(List.of(ROUTE_A)).get(SERVICE).count).isEqualTo(2);
    store.flushCache();
    assertThat(inner.get(Bytes.wrap(SERVICE.toBytes()))).isNull();
    assertThat(inner.get(Bytes.wrap(ROUTE_A.toBytes()))).isNotNull();
  }

  @Test
  void aKeptSlotUpdatesItsWindowUntilTheWindowIsGoneReplacedOrDroppedWithTheCache() {
    WindowAggregateStore<RequestAggregate> store = new WindowAggregateStore<>(inner, aggregation);
    WindowAggregateStore.Slot<RequestAggregate> kept = store.open(ROUTE_A, aggregate(200, 10));
    store.flushCache();
    store.drainChanged((key, aggregate) -> { });

    kept.value.add(200, 30);
    assertThat(store.update(kept)).isSameAs(kept.value);
    Map<WindowKey, Long> drained = new LinkedHashMap<>();
    store.drainChanged((key, aggregate) -> drained.put(key, aggregate.count));
    assertThat(drained).containsEntry(ROUTE_A, 2L);
    store.flushCache();
    assertThat(RequestAggregate.decode(inner.get(Bytes.wrap(ROUTE_A.toBytes()))).count).as("written at commit").isEqualTo(2);

    store.clearCache(); // as after an aborted transaction: the objects go, state reloads from the inner store
    assertThat(store.update(kept)).isNull();
    WindowAggregateStore.Slot<RequestAggregate> reloaded = store.slotFor(ROUTE_A);
    assertThat(reloaded).isNotSameAs(kept);
    assertThat(store.update(reloaded).count).isEqualTo(2);

    WindowAggregateStore.Slot<RequestAggregate> replaced = store.open(ROUTE_A, aggregate(500, 1));
    assertThat(store.update(reloaded)).isNull();
    store.remove(ROUTE_A);
    assertThat(store.update(replaced)).isNull();
    assertThat(store.slotFor(ROUTE_A)).isNull();
  }

  @Test
  void aRollupCannotBeStored() {
    WindowAggregateStore<RequestAggregate> store = new WindowAggregateStore<>(inner, aggregation);

    assertThatThrownBy(() -> store.put(SERVICE, aggregate(200, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("derived");
  }

  private RequestAggregate aggregate(int status, double... durationsMs) {
    RequestAggregate aggregate = aggregation.newAggregate();
    for (double durationMs : durationsMs) {
      aggregation.add(aggregate, RequestEvent.newBuilder().setService("api").setRoute("GET /a").setStatus(status)
          .setDurationMs(durationMs).setTimestamp(0).build());
    }
    return aggregate;
  }
}

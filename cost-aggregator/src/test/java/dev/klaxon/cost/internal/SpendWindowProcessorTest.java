package dev.klaxon.cost.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.cost.Granularity;
import dev.klaxon.cost.SpendConfig;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The window step alone, without the test driver's commit per record: volume that the driver cannot
 * pipe in a unit test's time.
 */
class SpendWindowProcessorTest {

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aMillionNanoDollarsSumToExactlyOneTenthOfACent() {
    // One granularity: exactness does not depend on it, and each more multiplies the store work.
    SpendConfig config = SpendConfig.defaults(Topics.defaults()).withGranularities(List.of(Granularity.MONTH));
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    SpendWindowStore windows = SpendWindowStore.builder("w", SpendConfig.Stores.IN_MEMORY).withLoggingDisabled()
        .build();
    KeyValueStore<String, Long> streamTime = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("t"),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    windows.init(context.getStateStoreContext(), windows);
    streamTime.init(context.getStateStoreContext(), streamTime);
    context.addStateStore(windows);
    context.addStateStore(streamTime);
    SpendWindowProcessor processor = new SpendWindowProcessor(SpendSeries.USER, config, "w", "t", "closed", "open",
        "overflow");
    processor.init(context);
    context.setRecordMetadata("spend-by-user-repartition", 0, 0);
    context.setCurrentSystemTimeMs(at("2027-03-10T10:01:00Z"));

    long time = at("2027-03-10T10:00:30Z");
    CostEvent nanoDollar = CostEvent.newBuilder().setService("llm").setUserId("alice").setProvider("openai")
        .setCostUsd(new BigDecimal("0.000000001")).setTimestamp(time).build();
    ValidCost cost = new ValidCost(nanoDollar, new byte[0]);
    int events = 1_000_000;
    for (int i = 0; i < events; i++) {
      processor.process(new Record<>(null, cost, time));
    }
    processor.process(new Record<>(null, new ValidCost(CostEvent.newBuilder(nanoDollar).setUserId("clock")
        .setTimestamp(at("2099-01-01T00:00:00Z")).build(), new byte[0]), time));

    Map<String, SpendWindow> closed = context.forwarded().stream()
        .filter(f -> f.childName().orElseThrow().equals("closed"))
        .collect(Collectors.toMap(f -> (String) f.record().key(), f -> (SpendWindow) f.record().value()));
    assertThat(closed).hasSize(2);
    for (String window : List.of("2027-03-01T00:00:00Z/month")) {
      for (String provider : List.of("openai", "*")) {
        SpendWindow sum = closed.get("alice|" + provider + "|" + window);
        assertThat(sum.getCostUsd()).isEqualTo(new BigDecimal("0.001000000")); // value and scale 9
        assertThat(sum.getEvents()).isEqualTo(events);
      }
    }
  }
}

package dev.klaxon.processor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServicePartitionerTest {

  private final ServicePartitioner<Object> partitioner = new ServicePartitioner<>();

  @Test
  void everyWindowAndRouteOfAServiceGoesToOnePartition() {
    Set<Optional<Set<Integer>>> chosen = new HashSet<>();
    for (String key : new String[] {"checkout|POST /pay|2026-11-30T10:00:00Z/PT1M",
        "checkout|POST /pay|2026-11-30T10:01:00Z/PT1M", "checkout|*|2026-11-30T10:02:00Z/PT1M",
        "checkout|error|2026-11-30T10:00:00Z/PT1M|environment=production"}) {
      chosen.add(partitioner.partitions("klaxon.metrics.requests", key, null, 12));
    }

    assertThat(chosen).hasSize(1);
    assertThat(chosen.iterator().next()).hasValueSatisfying(partitions -> assertThat(partitions).hasSize(1));
  }

  @Test
  void servicesSpreadOverThePartitions() {
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      used.addAll(partitioner.partitions("t", "service-" + i + "|*|w", null, 6).orElseThrow());
    }

    assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
  }
}

package dev.klaxon.cost;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.validation.EventLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cost role in a child JVM (minute and hour windows, no grace, no HTTP), for kill -9 tests. A
 * short consumer session lets the next one take the partitions over quickly.
 */
final class CostAggregatorProcess {

  private CostAggregatorProcess() {}

  static ChildJvm start(String bootstrapServers, String applicationId, Topics topics, Path stateDir, Path output)
      throws IOException {
    return ChildJvm.start(CostAggregatorProcess.class, output, bootstrapServers, applicationId, topics.prefix(),
        stateDir.toString());
  }

  public static void main(String[] args) throws InterruptedException {
    SpendConfig config = new SpendConfig(new Topics(args[2]), List.of(Granularity.MINUTE, Granularity.HOUR),
        Duration.ZERO, EventLimits.defaults());
    CostSettings settings = new CostSettings(args[0], args[1], Path.of(args[3]), Duration.ofMillis(100), 1, -1,
        "localhost", Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"), Optional.empty());
    CostAggregator aggregator = CostAggregator.start(config, settings);
    System.out.println("klaxon-cost-child started: " + aggregator.describe());
    Thread.currentThread().join(); // until killed
  }
}

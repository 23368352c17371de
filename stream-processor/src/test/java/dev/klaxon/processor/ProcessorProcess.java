package dev.klaxon.processor;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the processor in a child JVM ({@link ChildJvm}), so a test can kill it without any clean
 * shutdown (as a crash or {@code kill -9} would), then start it again.
 */
final class ProcessorProcess {

  private ProcessorProcess() {}

  static ChildJvm start(String bootstrapServers, String applicationId, Topics topics, Path stateDir, Path output)
      throws java.io.IOException {
    return ChildJvm.start(ProcessorProcess.class, output, bootstrapServers, applicationId, topics.prefix(),
        stateDir.toString());
  }

  public static void main(String[] args) throws InterruptedException {
    MetricsConfig config = new MetricsConfig(new Topics(args[2]), List.of(Duration.ofSeconds(1)), Duration.ZERO,
        Duration.ofSeconds(2), Duration.ofMillis(200));
    ProcessorSettings settings = new ProcessorSettings(args[0], args[1], Path.of(args[3]), Duration.ofMillis(100), 1,
        -1, Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
    MetricsProcessor.start(config, settings);
    Thread.currentThread().join(); // until killed
  }
}

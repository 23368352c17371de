package dev.klaxon.loadtest;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.processor.MetricsConfig;
import dev.klaxon.processor.MetricsProcessor;
import dev.klaxon.processor.ProcessorSettings;
import dev.klaxon.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The scale-out test's processor, in the test's JVM or in a child JVM ({@link ChildJvm}) that the
 * test can kill with SIGKILL: no commit, no leaving the group, its transaction left open.
 */
final class ProcessorChild {

  static final Duration WINDOW = Duration.ofSeconds(10);
  static final Duration GRACE = Duration.ofSeconds(2);
  /**
   * The last windows close by the idle wall clock. Not shorter: a busy task that stalls this long (a
   * rebalance on a loaded machine) closes its windows with their events still in its backlog, which are
   * then dropped as late; at 4 s this lost 8 windows in one run here.
   */
  static final Duration IDLE_CLOSE = Duration.ofSeconds(10);

  private ProcessorChild() {}

  static MetricsConfig config(Topics topics) {
    return new MetricsConfig(topics, List.of(WINDOW), GRACE, IDLE_CLOSE, Duration.ofMillis(500));
  }

  /**
   * @param kafka extra Kafka settings; a member that is killed should have a short session timeout,
   *     so the group gives its partitions to the others soon after
   */
  static ProcessorSettings settings(String bootstrapServers, String applicationId, Path stateDir,
      Map<String, String> kafka) {
    return new ProcessorSettings(bootstrapServers, applicationId, stateDir, Duration.ofMillis(100), 1, -1, kafka);
  }

  /** A processor in a child JVM, with a 6 s session timeout. */
  static ChildJvm start(String bootstrapServers, String applicationId, Topics topics, Path stateDir, Path output)
      throws IOException {
    return ChildJvm.start(ProcessorChild.class, output, bootstrapServers, applicationId, topics.prefix(),
        stateDir.toString());
  }

  public static void main(String[] args) throws InterruptedException {
    MetricsProcessor.start(config(new Topics(args[2])), settings(args[0], args[1], Path.of(args[3]),
        Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000")));
    Thread.currentThread().join(); // until killed
  }
}

package dev.klaxon.rules;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the rules role (the shipped rules, 1-minute windows) in a child JVM ({@link ChildJvm}), so a
 * test can kill it without any clean shutdown, then start another one with the same application id and
 * state directory. A short consumer session lets the next one take the partitions over quickly.
 */
final class EvaluatorProcess {

  private EvaluatorProcess() {}

  static ChildJvm start(String bootstrapServers, String applicationId, Topics topics, Path stateDir, Path output)
      throws IOException {
    return ChildJvm.start(EvaluatorProcess.class, output, bootstrapServers, applicationId, topics.prefix(),
        stateDir.toString());
  }

  public static void main(String[] args) throws InterruptedException {
    EvaluatorSettings settings = new EvaluatorSettings(args[0], args[1], Path.of(args[3]), Duration.ofMillis(100), -1,
        Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"), Optional.empty());
    AlertEvaluator evaluator = AlertEvaluator.start(RuleSet.defaults(), "shipped rules",
        EvaluatorConfig.defaults(new Topics(args[2])), settings);
    System.out.println("klaxon-rules-child started: " + evaluator.describe());
    Thread.currentThread().join(); // until killed
  }
}

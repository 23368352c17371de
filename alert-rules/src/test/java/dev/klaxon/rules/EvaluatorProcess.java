package dev.klaxon.rules;

import dev.klaxon.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the rules role (the shipped rules, 1-minute windows) in a child JVM on the test classpath, so a
 * test can kill it without any clean shutdown (SIGKILL, as a crash or {@code kill -9} would: no commit,
 * no leaving the group, no checkpoint), then start another one with the same application id and state
 * directory. A short consumer session lets the next one take the partitions over quickly.
 */
final class EvaluatorProcess implements AutoCloseable {

  private final Process process;
  private final Path output;

  private EvaluatorProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static EvaluatorProcess start(String bootstrapServers, String applicationId, Topics topics, Path stateDir,
      Path output) throws IOException {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), EvaluatorProcess.class.getName(),
        bootstrapServers, applicationId, topics.prefix(), stateDir.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    return new EvaluatorProcess(builder.start(), output);
  }

  /** Abrupt stop: SIGKILL. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the children printed, for failure messages. */
  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
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

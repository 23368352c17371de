package dev.klaxon.processor;

import dev.klaxon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the processor in a child JVM, so a test can kill it without any clean shutdown (as a crash
 * or {@code kill -9} would), then start it again.
 */
final class ProcessorProcess implements AutoCloseable {

  private final Process process;

  private ProcessorProcess(Process process) {
    this.process = process;
  }

  static ProcessorProcess start(String bootstrapServers, String applicationId, Topics topics, Path stateDir,
      Path output) throws java.io.IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), ProcessorProcess.class.getName(),
        bootstrapServers, applicationId, topics.prefix(), stateDir.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile());
    return new ProcessorProcess(builder.start());
  }

  /** Abrupt stop: SIGKILL, no commit, no leaving the group. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
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

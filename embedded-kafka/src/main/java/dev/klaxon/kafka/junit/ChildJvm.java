package dev.klaxon.kafka.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A class's {@code main} in a child JVM on this JVM's class path, so that a test can kill it without
 * any clean shutdown (SIGKILL, as a crash or {@code kill -9} would: no commit, no leaving the group,
 * no checkpoint), then start another on the same application id and state. Small heap and the C1
 * compiler only: the children are short-lived and share two cores with the broker and the test.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path output;

  private ChildJvm(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /**
   * @param output the child's stdout and stderr, appended, so several children can share one file
   */
  public static ChildJvm start(Class<?> main, Path output, String... args) throws IOException {
    return start(main, Map.of(), output, args);
  }

  /** As {@link #start(Class, Path, String...)}, with {@code environment} added to this JVM's for the child. */
  public static ChildJvm start(Class<?> main, Map<String, String> environment, Path output, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    builder.environment().putAll(environment);
    return new ChildJvm(builder.start(), output);
  }

  /** Abrupt stop: SIGKILL; returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The child's exit status; only once it is no longer {@linkplain #isAlive() alive}. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Everything the children printed to the output file, for failure messages. */
  public String output() {
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
}

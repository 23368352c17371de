package dev.klaxon.sink;

import dev.klaxon.kafka.junit.ChildJvm;
import dev.klaxon.schemas.Topics;
import dev.klaxon.sink.config.SinkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Runs the alert sink in a child JVM (the test classpath), wired as {@code klaxon run sink} wires it (the
 * shipped integrations, no silences API here) plus a short consumer session timeout, which
 * {@code klaxon run} has no setting for; so a test can kill it without any clean shutdown (SIGKILL,
 * as a crash or {@code kill -9} would: no leaving the consumer groups, no flushing), then start
 * another one with the same group id.
 * Environment variables given to {@link #start} reach the child, e.g. a receiver's {@code url_env}.
 */
final class SinkProcess implements AutoCloseable {

  /** Below the broker's default {@code group.min.session.timeout.ms} is refused; 6 s is its minimum. */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
  private static final Pattern OPS_PORT = Pattern.compile("klaxon-sink-child ops-port=(\\d+)");

  private final ChildJvm child;

  private SinkProcess(ChildJvm child) {
    this.child = child;
  }

  static SinkProcess start(String bootstrapServers, Topics topics, String groupId, Path config,
      Map<String, String> environment, Path output) throws IOException {
    return new SinkProcess(ChildJvm.start(SinkProcess.class, environment, output, bootstrapServers, topics.prefix(),
        groupId, config.toString()));
  }

  /** The child's {@code /metrics} and {@code /health/*} port, once it has printed it. */
  int awaitOpsPort(Duration timeout) {
    return Awaitility.await("ops port of the sink child").atMost(timeout)
        .until(this::opsPort, OptionalInt::isPresent).getAsInt();
  }

  private OptionalInt opsPort() throws IOException {
    if (!child.isAlive()) {
      throw new IllegalStateException("the sink child exited with " + child.exitValue() + ":\n" + output());
    }
    Matcher m = OPS_PORT.matcher(output());
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /** Abrupt stop: SIGKILL, no commit, no leaving the groups, no last write. */
  void kill() throws InterruptedException {
    child.kill();
  }

  boolean isAlive() {
    return child.isAlive();
  }

  /** Everything the child printed, for failure messages. */
  String output() {
    return child.output();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  /** Arguments: bootstrap servers, topic prefix, group id, routing config file. */
  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    SinkSettings settings = SinkSettings.defaults(bootstrap)
        .withKafka(Map.of("bootstrap.servers", bootstrap,
            "session.timeout.ms", String.valueOf(SESSION_TIMEOUT.toMillis()),
            "heartbeat.interval.ms", "1000"))
        .withTopics(new Topics(args[1]))
        .withGroupId(args[2])
        .withPorts(0, -1);
    AlertSink sink = AlertSink.start(SinkConfig.load(Path.of(args[3])), settings);
    System.out.println("klaxon-sink-child ops-port=" + sink.httpPort());
    System.out.flush();
    // The parent holds our stdin: when it goes away (test JVM killed), so do we; no orphans.
    Thread orphanGuard = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // nothing is ever written
        }
      } catch (IOException e) {
        // parent gone
      }
      Runtime.getRuntime().halt(3);
    }, "orphan-guard");
    orphanGuard.setDaemon(true);
    orphanGuard.start();
    Thread.currentThread().join(); // until killed
  }
}

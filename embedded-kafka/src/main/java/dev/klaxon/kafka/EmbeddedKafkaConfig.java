package dev.klaxon.kafka;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the embedded broker.
 *
 * @param dataDir where the broker keeps its logs between runs; empty means a temporary directory
 *     deleted on close (tests)
 * @param port the client port; 0 picks a free one
 * @param defaultPartitions partitions of topics created without an explicit count
 */
public record EmbeddedKafkaConfig(Optional<Path> dataDir, int port, int defaultPartitions) {

  public static final int DEFAULT_PARTITIONS = 3;

  public EmbeddedKafkaConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535: " + port);
    }
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("defaultPartitions must be at least 1: " + defaultPartitions);
    }
  }

  /** A throw-away broker on a free port: what tests want. */
  public static EmbeddedKafkaConfig ephemeral() {
    return new EmbeddedKafkaConfig(Optional.empty(), 0, DEFAULT_PARTITIONS);
  }

  public EmbeddedKafkaConfig withDataDir(Path dir) {
    return new EmbeddedKafkaConfig(Optional.of(dir), port, defaultPartitions);
  }

  public EmbeddedKafkaConfig withPort(int newPort) {
    return new EmbeddedKafkaConfig(dataDir, newPort, defaultPartitions);
  }

  public EmbeddedKafkaConfig withDefaultPartitions(int partitions) {
    return new EmbeddedKafkaConfig(dataDir, port, partitions);
  }
}

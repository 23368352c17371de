package dev.klaxon.kafka.junit;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.internal.Directories;
import java.nio.file.Path;

/**
 * The one broker of a test JVM and the root of its tests' Kafka Streams state directories. Kept in
 * JUnit's root store, which closes it after the last test.
 */
final class SharedBroker implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private final Path streamsStateRoot;

  private SharedBroker(EmbeddedKafka kafka, Path streamsStateRoot) {
    this.kafka = kafka;
    this.streamsStateRoot = streamsStateRoot;
  }

  static SharedBroker start() {
    Path stateRoot = Directories.createTemp("klaxon-streams-state-");
    return new SharedBroker(new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()).start(), stateRoot);
  }

  EmbeddedKafka kafka() {
    return kafka;
  }

  Path streamsStateRoot() {
    return streamsStateRoot;
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      Directories.deleteRecursively(streamsStateRoot);
    }
  }
}

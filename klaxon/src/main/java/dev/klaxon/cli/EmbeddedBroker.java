package dev.klaxon.cli;

import dev.klaxon.kafka.EmbeddedKafka;
import dev.klaxon.kafka.EmbeddedKafkaConfig;
import dev.klaxon.kafka.PortInUseException;
import dev.klaxon.runtime.RunningService;
import dev.klaxon.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The in-process single-node broker of {@code klaxon demo} and {@code klaxon run --embedded}: on the
 * given port, or a free one when it is taken; Klaxon's topics created; announced in
 * {@link EmbeddedBrokerFile} so other commands find it from any directory.
 */
final class EmbeddedBroker implements RunningService {

  private final EmbeddedKafka kafka;
  private final Path dataDir;
  private final Topics topics;
  private final String portNote;

  private EmbeddedBroker(EmbeddedKafka kafka, Path dataDir, Topics topics, String portNote) {
    this.kafka = kafka;
    this.dataDir = dataDir;
    this.topics = topics;
    this.portNote = portNote;
  }

  static EmbeddedBroker start(Path dataDir, int port, Topics topics) {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.ephemeral().withDataDir(dataDir);
    EmbeddedKafka kafka;
    String portNote = "";
    try {
      kafka = new EmbeddedKafka(config.withPort(port)).start();
    } catch (PortInUseException busy) {
      kafka = new EmbeddedKafka(config.withPort(0)).start();
      portNote = " (port " + port + " was taken)";
    }
    try {
      kafka.createTopics(topics);
      EmbeddedBrokerFile.standard().publish(kafka.bootstrapServers());
    } catch (IOException | RuntimeException e) {
      kafka.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return new EmbeddedBroker(kafka, dataDir, topics, portNote);
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public String describe() {
    return "embedded broker at " + kafka.bootstrapServers() + portNote + ", data in " + dataDir + "; topics "
        + topics.prefix() + "* created";
  }

  @Override
  public void close() {
    EmbeddedBrokerFile.standard().withdraw();
    kafka.close();
  }
}

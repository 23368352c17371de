package dev.klaxon.kafka;

import dev.klaxon.kafka.internal.BrokerProperties;
import dev.klaxon.kafka.internal.Directories;
import dev.klaxon.kafka.internal.Ports;
import dev.klaxon.kafka.internal.StorageFormatter;
import dev.klaxon.kafka.internal.TopicCreator;
import dev.klaxon.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft node that is both controller and
 * broker, listening on the loopback address.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral()).start()) {
 *   kafka.createTopics(Topics.defaults());
 *   ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  /** Free ports are picked before Kafka binds them; another process may win the race. */
  private static final int START_ATTEMPTS = 3;

  private final EmbeddedKafkaConfig config;
  private final Path logDir;
  private final boolean temporary;

  private KafkaRaftServer server;
  private int port;
  private Admin admin;
  private TopicCreator topicCreator;
  private boolean closed;

  public EmbeddedKafka(EmbeddedKafkaConfig config) {
    this.config = config;
    this.temporary = config.dataDir().isEmpty();
    this.logDir = config.dataDir().orElseGet(() -> Directories.createTemp("klaxon-kafka-"));
  }

  /**
   * Formats the data directory unless it already holds a cluster, then starts the node and
   * returns once the broker accepts clients.
   *
   * @throws PortInUseException when the configured port is taken
   */
  public synchronized EmbeddedKafka start() {
    if (closed || server != null) {
      throw new IllegalStateException(closed ? "embedded Kafka is closed" : "embedded Kafka already started");
    }
    long startNanos = System.nanoTime();
    try {
      boolean formatted = startNode();
      admin = Admin.create(clientProperties());
      topicCreator = new TopicCreator(admin);
      log.info("Kafka started on {} in {} ms ({} {})", bootstrapServers(),
          Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
          formatted ? "formatted" : "reused", logDir);
      return this;
    } catch (RuntimeException e) {
      // The caller never receives this instance, so nobody else would release it.
      close();
      throw e;
    }
  }

  /** Returns whether the storage was formatted now. */
  private boolean startNode() {
    if (config.port() != 0) {
      Ports.requireFree(config.port());
    }
    boolean formatted = format();
    for (int attempt = 1; server == null; attempt++) {
      int brokerPort = config.port() != 0 ? config.port() : Ports.free();
      KafkaRaftServer candidate = new KafkaRaftServer(
          new KafkaConfig(BrokerProperties.of(logDir, brokerPort, Ports.free(), config.defaultPartitions()), false),
          Time.SYSTEM);
      try {
        candidate.startup();
        server = candidate;
        port = brokerPort;
      } catch (RuntimeException e) {
        stopAfterFailedStart(candidate, e);
        boolean bindFailure = Ports.isBindFailure(e);
        if (bindFailure && config.port() != 0) {
          Ports.requireFree(config.port()); // names the port when it was ours that was taken
        }
        if (!bindFailure || attempt == START_ATTEMPTS) {
          throw new IllegalStateException("embedded Kafka failed to start in " + logDir, e);
        }
        log.info("a port picked for Kafka was taken before it bound it; retrying with fresh ports");
      }
    }
    return formatted;
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public synchronized String bootstrapServers() {
    requireStarted();
    return Ports.HOST + ":" + port;
  }

  /** The port clients connect to: the configured one, or the free one picked at start. */
  public synchronized int port() {
    requireStarted();
    return port;
  }

  /** Where the broker keeps its logs. */
  public Path dataDir() {
    return logDir;
  }

  public EmbeddedKafkaConfig config() {
    return config;
  }

  /** {@code bootstrap.servers} alone, the base of any client's configuration. */
  public Map<String, Object> clientProperties() {
    return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
  }

  /** Klaxon's topics with the configured default partitions; existing topics are kept as they are. */
  public void createTopics(Topics topics) {
    createTopics(topics, config.defaultPartitions());
  }

  /** Klaxon's topics (design §3): compacted ones compacted; existing topics are kept as they are. */
  public void createTopics(Topics topics, int partitions) {
    createTopics(TopicCreator.klaxonTopics(topics, partitions));
  }

  /** Any topics; existing ones are kept as they are. Returns once the broker serves them. */
  public void createTopics(Collection<NewTopic> topics) {
    topicCreator().create(topics);
  }

  /** One plain topic; an existing one is kept as it is. */
  public void createTopic(String name, int partitions) {
    createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
  }

  /** Stops the node cleanly; a temporary data directory is deleted. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (server != null) {
      long startNanos = System.nanoTime();
      stop(server);
      log.info("Kafka on port {} stopped in {} ms", port, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }
    if (temporary) {
      Directories.deleteRecursively(logDir);
    }
  }

  private boolean format() {
    try {
      return StorageFormatter.formatIfNeeded(logDir);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + logDir, e);
    }
  }

  private synchronized TopicCreator topicCreator() {
    requireStarted();
    return topicCreator;
  }

  private void requireStarted() {
    if (server == null || closed) {
      throw new IllegalStateException("embedded Kafka is not running");
    }
  }

  private static void stopAfterFailedStart(KafkaRaftServer node, RuntimeException startFailure) {
    try {
      stop(node);
    } catch (RuntimeException e) {
      startFailure.addSuppressed(e);
    }
  }

  private static void stop(KafkaRaftServer node) {
    node.shutdown();
    node.awaitShutdown();
  }
}

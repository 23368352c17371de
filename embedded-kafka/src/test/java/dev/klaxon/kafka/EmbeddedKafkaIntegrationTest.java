package dev.klaxon.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.kafka.internal.CommittedRecordReader;
import dev.klaxon.kafka.internal.Ports;
import dev.klaxon.schemas.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brokers of their own, apart from the one the extension shares: lifecycle and storage. */
@Tag("integration")
class EmbeddedKafkaIntegrationTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void restartWithTheSameDataDirKeepsTopicsAndRecords(@TempDir Path dataDir) throws Exception {
    Topics topics = new Topics("restart.");
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.ephemeral().withDataDir(dataDir);

    try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
      kafka.createTopics(topics, 2);
      try (KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>(topics.requests(), "checkout", "before restart")).get();
      }
    }
    assertThat(dataDir.resolve("meta.properties")).exists();

    try (EmbeddedKafka kafka = new EmbeddedKafka(config).start()) {
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        assertThat(admin.listTopics().names().get()).containsAll(topics.all());
        assertThat(admin.describeTopics(List.of(topics.requests())).allTopicNames().get()
            .get(topics.requests()).partitions()).hasSize(2);
      }
      List<ConsumerRecord<String, String>> read = new CommittedRecordReader(kafka.clientProperties())
          .readUntil(topics.requests(), new StringDeserializer(), new StringDeserializer(),
              records -> !records.isEmpty(), TIMEOUT);
      assertThat(read).extracting(ConsumerRecord::value).containsExactly("before restart");
      kafka.createTopics(topics); // existing topics are fine
    }
  }

  @Test
  void busyConfiguredPortFailsNamingThePort() throws IOException {
    try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST))) {
      int port = occupant.getLocalPort();
      EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral().withPort(port));

      assertThatThrownBy(kafka::start)
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("port " + port + " is already in use");
      assertThat(kafka.dataDir()).as("temporary data dir of a failed start").doesNotExist();
    }
  }

  @Test
  void configuredPortIsUsedAndTemporaryDataDirIsDeletedOnClose() {
    int port = Ports.free();
    EmbeddedKafka kafka = new EmbeddedKafka(EmbeddedKafkaConfig.ephemeral().withPort(port)).start();
    Path dataDir = kafka.dataDir();
    try {
      assertThat(kafka.bootstrapServers()).isEqualTo(Ports.HOST + ":" + port);
      assertThat(dataDir.resolve("meta.properties")).exists();
    } finally {
      kafka.close();
    }
    assertThat(Files.exists(dataDir)).isFalse();
    assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
    kafka.close(); // twice is fine
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.copyOf(kafka.clientProperties()), new StringSerializer(), new StringSerializer());
  }
}

package dev.klaxon.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The processor's Kafka Streams properties: exactly-once, producers that send a commit's burst in few
 * requests, and tasks that do not check for idling before every record.
 */
class StreamsConfigTest {

  private static Properties config(Map<String, String> kafka) {
    return MetricsProcessor.streamsConfig(new ProcessorSettings("localhost:9092", "klaxon-metrics", Path.of("state"),
        Duration.ofMillis(200), 1, -1, kafka));
  }

  @Test
  void producersBatchUpTo256KilobytesByDefault() {
    Properties props = config(Map.of());

    assertThat(props).containsEntry("producer.batch.size", "262144")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    StreamsConfig streams = new StreamsConfig(props);
    assertThat(streams.getProducerConfigs("client")).containsEntry("batch.size", "262144");
  }

  @Test
  void tasksDoNotIdleAndEachReadsOnePartition() {
    assertThat(config(Map.of())).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    assertThat(config(Map.of("max.task.idle.ms", "0"))).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0");

    // Why -1 cannot reorder anything: idling only orders records across a task's input topics, and
    // every sub-topology (so every task) reads one topic.
    TopologyDescription description = MetricsProcessor.topology(MetricsConfig.defaults(Topics.defaults()),
        AvroSerdes.embedded()).describe();
    assertThat(description.subtopologies()).hasSize(2).allSatisfy(subtopology -> assertThat(
        subtopology.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
            .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream()))
        .hasSize(1));
  }

  @Test
  void aBatchSizeInTheSettingsWinsInEitherSpelling() {
    assertThat(new StreamsConfig(config(Map.of("batch.size", "16384"))).getProducerConfigs("client"))
        .containsEntry("batch.size", "16384");
    assertThat(new StreamsConfig(config(Map.of("producer.batch.size", "65536"))).getProducerConfigs("client"))
        .containsEntry("batch.size", "65536");
  }
}

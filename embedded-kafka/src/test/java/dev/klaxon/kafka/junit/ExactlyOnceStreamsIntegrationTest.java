package dev.klaxon.kafka.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

@KafkaIntegrationTest
class ExactlyOnceStreamsIntegrationTest {

  @Test
  void exactlyOnceV2AppCountsPerKey(KafkaTestEnv env) throws Exception {
    Topics topics = env.createTopics(2);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(topics.requests(), Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey()
        .count()
        .toStream()
        .mapValues(String::valueOf)
        .to(topics.requestMetrics(), Produced.with(Serdes.String(), Serdes.String()));

    Properties props = new Properties();
    props.putAll(env.streamsProperties());
    props.putAll(Map.of(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100,
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0));

    try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
        KafkaProducer<String, String> producer = env.producer(new StringSerializer(), new StringSerializer())) {
      streams.start();
      for (int i = 0; i < 9; i++) {
        producer.send(new ProducerRecord<>(topics.requests(), "svc-" + (i % 3), "request"));
      }
      producer.flush();

      List<ConsumerRecord<String, String>> counts = env.readUntil(topics.requestMetrics(),
          new StringDeserializer(), new StringDeserializer(),
          read -> read.stream().filter(r -> r.value().equals("3")).count() == 3, Duration.ofSeconds(60));

      assertThat(counts).extracting(ConsumerRecord::value).containsOnly("1", "2", "3").hasSize(9);
    }
  }
}

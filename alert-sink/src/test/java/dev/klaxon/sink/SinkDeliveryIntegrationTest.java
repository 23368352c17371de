package dev.klaxon.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.klaxon.kafka.junit.KafkaIntegrationTest;
import dev.klaxon.kafka.junit.KafkaTestEnv;
import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.Severity;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.sink.config.SinkConfig;
import dev.klaxon.sink.notify.Integrations;
import dev.klaxon.sink.notify.NotifyStats;
import dev.klaxon.sink.notify.RecordingServer;
import dev.klaxon.sink.notify.RecordingServer.Response;
import dev.klaxon.sink.notify.delivery.RetryPolicy;
import dev.klaxon.sink.testing.Alerts;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole sink with its delivery stage, against real local webhook receivers that fail on purpose. */
@KafkaIntegrationTest
class SinkDeliveryIntegrationTest {

  private static final String CONFIG = """
      route:
        receiver: hook
        group_by: [alertname, service]
        group_wait: 1s
        group_interval: 2s
        repeat_interval: 1h
      receivers:
        - name: hook
          webhook_configs:
            - url_env: HOOK_URL
      """;

  private final RecordingServer receiver = RecordingServer.start();
  private KafkaTestEnv env;
  private Topics topics;
  private KafkaProducer<String, byte[]> producer;
  private AlertSink sink;

  @BeforeEach
  void setUp(KafkaTestEnv env) {
    this.env = env;
    this.topics = env.createTopics(1);
    this.producer = env.producer(new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void tearDown() {
    if (sink != null) {
      sink.close();
    }
    producer.close();
    receiver.close();
  }

  @Test
  void aServerErrorIsRetriedAndTheGroupDeliveredOnce() throws Exception {
    receiver.respond(Response.status(500), Response.status(200));
    start();

    publish(Alerts.firing("fp-1", "HighP95Latency", Severity.critical, Instant.now(), "service", "checkout"));

    receiver.awaitRequests(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains("klaxon_sink_delivery_retried_total"));
    assertThat(metrics()).containsPattern("klaxon_sink_notifications_sent_total\\{[^}]*} 1\\.0");
    // Delivered and logged once: no further request over two more group intervals.
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).until(() -> receiver.requests().size() == 2);
  }

  @Test
  void aPermanentFailureEndsInTheDeadLetterTopicWithItsReasonAndNoSecret() throws Exception {
    receiver.byDefault(Response.status(404, "no such hook"));
    start();

    publish(Alerts.firing("fp-2", "HighErrorRate", Severity.warning, Instant.now(), "service", "search"));

    List<ConsumerRecord<String, byte[]>> dead = env.read(topics.deadLetter(), new StringDeserializer(),
        new ByteArrayDeserializer(), 1, Duration.ofSeconds(30));
    ConsumerRecord<String, byte[]> letter = dead.get(0);
    String reason = header(letter, "klaxon.error");
    assertThat(reason).contains("404");
    assertThat(header(letter, "klaxon.receiver")).isEqualTo("hook");
    assertThat(header(letter, "klaxon.integration")).isEqualTo("webhook");
    String value = new String(letter.value(), StandardCharsets.UTF_8);
    assertThat(value).contains("\"fingerprint\":\"fp-2\"");
    String url = receiver.url("/hook");
    for (String text : List.of(reason, value, letter.key())) {
      assertThat(text).doesNotContain(url).doesNotContain("/hook");
    }
    assertThat(receiver.requests()).hasSize(1); // a 404 is not retried
    await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains("klaxon_sink_delivery_dead_lettered_total"));
  }

  private void start() {
    Map<String, String> environment = Map.of("HOOK_URL", receiver.url("/hook"));
    SinkSettings settings = SinkSettings.defaults(env.bootstrapServers()).withTopics(topics)
        .withGroupId(env.uniqueName("sink")).withPorts(0, -1)
        .withIntegrations(Integrations.create(HttpClient.newHttpClient(), environment::get, NotifyStats.NONE).byType())
        .withRetryPolicy(RetryPolicy.defaults().withAttemptTimeout(Duration.ofSeconds(5)));
    sink = AlertSink.start(SinkConfig.parse(CONFIG), settings);
    await().atMost(Duration.ofSeconds(30)).until(sink::isReady);
  }

  private void publish(Alert alert) throws Exception {
    producer.send(new ProducerRecord<>(topics.alerts(), alert.getFingerprint(),
        AvroSerde.embedded(Alert.class).encode(alert))).get();
  }

  private String metrics() {
    return sink.scrapeMetrics();
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

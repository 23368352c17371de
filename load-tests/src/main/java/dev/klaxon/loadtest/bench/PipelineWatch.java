package dev.klaxon.loadtest.bench;

import dev.klaxon.schemas.Alert;
import dev.klaxon.schemas.RequestWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a read_committed consumer sees of the pipeline, timestamped on arrival: alert transitions on
 * {@code klaxon.alerts}, one service's (or every service's) open-window values on
 * {@code klaxon.metrics.requests.open} (to split detection time into the processor's share and the
 * rest), and every service's closed windows on {@code klaxon.metrics.requests} (for accuracy and lag).
 */
final class PipelineWatch implements AutoCloseable {

  /** A transition on the alerts topic, as it arrived (epoch ms). */
  record Transition(long arrivedAtMs, String rule, String severity, String status, String service, double value,
      String fingerprint, Map<String, String> labels) {}

  /**
   * A service-level ({@code route *}) open window, as it arrived (epoch ms); {@code recordTimestamp} is the
   * record's own (the newest event time the processor had seen).
   */
  record OpenWindow(long arrivedAtMs, String service, long windowStart, long count, double p95, double errorRate,
      long recordTimestamp) {}

  /** A service-level ({@code route *}) closed window, as it arrived (epoch ms). */
  record ClosedWindow(long arrivedAtMs, String service, long windowStart, long windowEnd, long count, double p50,
      double p95, double p99) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final String service;
  private final AvroSerde<Alert> alerts = AvroSerde.embedded(Alert.class);
  private final AvroSerde<RequestWindow> windows = AvroSerde.embedded(RequestWindow.class);
  private final List<Transition> transitions = new CopyOnWriteArrayList<>();
  private final List<OpenWindow> openWindows = new CopyOnWriteArrayList<>();
  private final List<ClosedWindow> closedWindows = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** @param service whose open windows to keep, or null for every service's */
  PipelineWatch(String bootstrapServers, Topics topics, String service) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.service = service;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(topics.alerts(), topics.openRequestMetrics(), topics.requestMetrics())) {
      consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    this.thread = new Thread(this::poll, "pipeline-watch");
    thread.setDaemon(true);
    thread.start();
  }

  List<Transition> transitions() {
    return List.copyOf(transitions);
  }

  List<OpenWindow> openWindows() {
    return List.copyOf(openWindows);
  }

  List<ClosedWindow> closedWindows() {
    return List.copyOf(closedWindows);
  }

  private void poll() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(50));
        long arrived = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (record.topic().equals(topics.alerts())) {
            Alert alert = alerts.decode(record.value());
            Map<String, String> labels = new TreeMap<>();
            alert.getLabels().forEach((k, v) -> labels.put(k, v));
            transitions.add(new Transition(arrived, alert.getRule(), alert.getSeverity().name(),
                alert.getStatus().name(), String.valueOf(alert.getLabels().get("service")), alert.getValue(),
                alert.getFingerprint(), labels));
          } else {
            RequestWindow window = windows.decode(record.value());
            if (!window.getRoute().equals("*")) {
              continue;
            }
            if (record.topic().equals(topics.requestMetrics())) {
              closedWindows.add(new ClosedWindow(arrived, window.getService(), window.getWindowStart(),
                  window.getWindowEnd(), window.getCount(), window.getP50(), window.getP95(), window.getP99()));
            } else if (service == null || window.getService().equals(service)) {
              openWindows.add(new OpenWindow(arrived, window.getService(), window.getWindowStart(), window.getCount(),
                  window.getP95(), window.getErrorRate(), record.timestamp()));
            }
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}

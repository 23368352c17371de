package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.DropReason;
import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events straight to Klaxon's input topics with an idempotent, {@code acks=all} producer,
 * routed by {@link InputRecords} exactly as the gateway routes them.
 *
 * <p>While the broker is unreachable the producer keeps records in its own buffer and retries
 * them itself; both its {@code delivery.timeout.ms} and its {@code max.block.ms} are the
 * emitter's {@code deliveryTimeout}, so a record is given up only after that long. Blocking is
 * confined to the sender thread; the backlog's capacity counts records in the producer too.
 */
public final class KafkaTransport implements Transport {

  private final KafkaProducer<String, byte[]> producer;
  private final Topics topics;
  private final ThrottledLog failures = new ThrottledLog();
  private final MetricName retryTotal;
  private volatile boolean closing;

  public KafkaTransport(Map<String, Object> clientConfig, Topics topics, Duration deliveryTimeout) {
    this.topics = topics;
    this.producer = new KafkaProducer<>(producerConfig(clientConfig, deliveryTimeout),
        new StringSerializer(), new ByteArraySerializer());
    this.retryTotal = producer.metrics().keySet().stream()
        .filter(name -> name.name().equals("record-retry-total") && name.group().equals("producer-metrics"))
        .findFirst().orElse(null);
  }

  /** The application's settings (bootstrap servers, security…) with the emitter's guarantees on top. */
  static Map<String, Object> producerConfig(Map<String, Object> clientConfig, Duration deliveryTimeout) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "klaxon-emitter");
    config.putAll(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, deliveryTimeout.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) timeoutMs);
    // The producer insists on delivery.timeout.ms >= linger.ms + request.timeout.ms (30 s default).
    if (!clientConfig.containsKey(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG) && timeoutMs < 60_000) {
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs / 2);
    }
    return config;
  }

  @Override
  public void send(List<Pending> batch, Outcomes outcomes) throws InterruptedException {
    for (int i = 0; i < batch.size(); i++) {
      Pending pending = batch.get(i);
      try {
        ProducerRecord<String, byte[]> record = InputRecords.toProducerRecord(topics, pending.event());
        producer.send(record, (metadata, error) -> report(pending, error, outcomes));
      } catch (InterruptException e) {
        // close() gave up waiting while send blocked (no metadata, or the producer's buffer full).
        Thread.interrupted(); // the exception set the flag again; ours is the checked exception below
        outcomes.dropped(batch.subList(i, batch.size()), DropReason.CLOSED);
        throw new InterruptedException("emitter closing");
      } catch (KafkaException | IllegalStateException e) {
        if (!closing) {
          failures.warn("cannot hand an event to the Kafka producer; dropped", e);
        }
        outcomes.dropped(List.of(pending), closing ? DropReason.CLOSED : DropReason.FAILED);
      }
    }
  }

  private void report(Pending pending, Exception error, Outcomes outcomes) {
    if (error == null) {
      outcomes.delivered(List.of(pending));
    } else if (closing) {
      outcomes.dropped(List.of(pending), DropReason.CLOSED);
    } else if (error instanceof TimeoutException) {
      failures.warn("events not delivered to Kafka within the delivery timeout; dropped", error);
      outcomes.dropped(List.of(pending), DropReason.TIMED_OUT);
    } else {
      failures.warn("Kafka refused events; dropped", error);
      outcomes.dropped(List.of(pending), DropReason.REJECTED);
    }
  }

  @Override
  public long internalRetries() {
    if (retryTotal == null) {
      return 0;
    }
    Metric metric = producer.metrics().get(retryTotal);
    return metric == null ? 0 : (long) ((Number) metric.metricValue()).doubleValue();
  }

  @Override
  public void close(Duration timeout) {
    closing = true; // from now on a failure is the emitter giving up, not the destination's fault
    producer.close(timeout); // delivers what it can in time, then fails the rest through callbacks
  }
}

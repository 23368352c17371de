package dev.klaxon.gateway.internal;

import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes a batch of events to their input topics and reports once: when Kafka has acknowledged
 * every record, or at the first failure. Never blocks on acknowledgements; {@code send} itself
 * blocks only while the producer's buffer is full or metadata is missing, at most {@code max.block.ms}.
 */
final class EventPublisher {

  /** The batch's outcome; exactly one method is called, once, possibly on the producer's I/O thread. */
  interface Listener {
    void acknowledged();

    void failed(Exception cause);
  }

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final AvroSerdes serdes;
  private final GatewayMetrics metrics;

  EventPublisher(Producer<String, byte[]> producer, Topics topics, AvroSerdes serdes, GatewayMetrics metrics) {
    this.producer = producer;
    this.topics = topics;
    this.serdes = serdes;
    this.metrics = metrics;
  }

  void publish(List<SpecificRecord> events, Listener listener) {
    BatchAcknowledgement ack = new BatchAcknowledgement(events.size(), listener);
    for (SpecificRecord event : events) {
      try {
        producer.send(InputRecords.toProducerRecord(topics, event, serdes), ack);
      } catch (RuntimeException e) {
        // Buffer full past max.block.ms, producer closed, registry down: stop here. Records already
        // sent may still be written; the client retries the whole batch (at-least-once).
        ack.fail(e);
        return;
      }
    }
  }

  private final class BatchAcknowledgement implements Callback {
    private final AtomicInteger pending;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final Listener listener;
    private final long startNanos = System.nanoTime();

    BatchAcknowledgement(int records, Listener listener) {
      this.pending = new AtomicInteger(records);
      this.listener = listener;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      if (exception != null) {
        fail(exception);
      } else if (pending.decrementAndGet() == 0 && reported.compareAndSet(false, true)) {
        metrics.produceLatency().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        listener.acknowledged();
      }
    }

    void fail(Exception exception) {
      if (reported.compareAndSet(false, true)) {
        listener.failed(exception);
      }
    }
  }
}

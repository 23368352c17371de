package dev.klaxon.loadtest;

import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Request events of several generators, produced one event-time window at a time at a fixed pace,
 * keyed by service like any producer of Klaxon events, each one kept in {@link ExpectedWindows}.
 * Whole windows at a time, so a partition that goes idle between two (and closes its windows by
 * the wall clock) has been sent everything of them.
 */
final class TrafficFeed implements EventSink {

  private final List<TrafficGenerator> generators;
  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final ExpectedWindows expected;
  private final long windowMs;
  private final long paceNanos;
  private final AvroSerde<RequestEvent> serde = AvroSerde.embedded(RequestEvent.class);
  private int next;
  private long lastWindowAt;

  /** @param pace wall-clock time between two windows of traffic */
  TrafficFeed(List<TrafficGenerator> generators, KafkaProducer<String, byte[]> producer, String topic,
      ExpectedWindows expected, Duration windowSize, Duration pace) {
    this.generators = generators;
    this.producer = producer;
    this.topic = topic;
    this.expected = expected;
    this.windowMs = windowSize.toMillis();
    this.paceNanos = pace.toNanos();
  }

  /** Sends windows up to {@code window} (exclusive), counted from the generators' start. */
  void sendUpTo(int window) {
    long startMs = generators.get(0).startMs();
    for (; next < window; next++) {
      // The traffic's rate, not synchronisation: nothing waits for the apps here.
      LockSupport.parkNanos(lastWindowAt + paceNanos - System.nanoTime());
      long from = startMs + next * windowMs;
      for (TrafficGenerator generator : generators) {
        generator.emitBetween(from, from + windowMs, this);
      }
      producer.flush();
      lastWindowAt = System.nanoTime();
    }
  }

  @Override
  public void request(RequestEvent event) {
    expected.add(event);
    producer.send(new ProducerRecord<>(topic, null, event.getTimestamp(), event.getService(), serde.encode(event)));
  }

  @Override
  public void log(LogEvent event) {
    throw new IllegalStateException("the scale-out traffic has no logs");
  }
}

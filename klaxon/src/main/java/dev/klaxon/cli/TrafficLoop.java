package dev.klaxon.cli;

import dev.klaxon.loadtest.EventSink;
import dev.klaxon.loadtest.TrafficGenerator;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.InputRecords;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerdes;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends the generator's events for wall-clock time as it passes, every 100 ms, until closed. */
final class TrafficLoop implements AutoCloseable {

  private static final long TICK_MS = 100;

  private final Thread thread;
  private volatile boolean running = true;

  private TrafficLoop(TrafficGenerator generator, KafkaProducer<String, byte[]> producer, Topics topics,
      AvroSerdes serdes) {
    EventSink sink = new EventSink() {
      @Override
      public void request(RequestEvent event) {
        producer.send(InputRecords.toProducerRecord(topics, event, serdes), TrafficLoop::reportFailure);
      }

      @Override
      public void log(LogEvent event) {
        producer.send(InputRecords.toProducerRecord(topics, event, serdes), TrafficLoop::reportFailure);
      }
    };
    this.thread = new Thread(() -> {
      long from = generator.startMs();
      try (producer) {
        while (running) {
          long to = System.currentTimeMillis();
          generator.emitBetween(from, to, sink);
          from = to;
          Thread.sleep(TICK_MS); // pacing of a traffic source, not synchronisation
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "klaxon-demo-traffic");
  }

  static TrafficLoop start(TrafficGenerator generator, Map<String, Object> clientProps, String bootstrap, Topics topics,
      AvroSerdes serdes) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    TrafficLoop loop = new TrafficLoop(generator,
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()), topics, serdes);
    loop.thread.start();
    return loop;
  }

  private static void reportFailure(Object metadata, Exception error) {
    if (error != null) {
      System.err.println("klaxon demo: an event was not sent: " + error.getMessage());
    }
  }

  /** Stops sending and flushes what was generated. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}

package dev.klaxon.cli;

import dev.klaxon.emitter.KlaxonEmitter;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.traffic.EventSink;
import dev.klaxon.traffic.TrafficGenerator;
import java.net.URI;
import java.time.Duration;

/**
 * Sends the generator's events for wall-clock time as it passes, every 100 ms, until closed:
 * through the emitter library to the gateway, the way an application would.
 */
final class TrafficLoop implements AutoCloseable {

  private static final long TICK_MS = 100;

  private final KlaxonEmitter emitter;
  private final Thread thread;
  private volatile boolean running = true;

  private TrafficLoop(TrafficGenerator generator, KlaxonEmitter emitter) {
    this.emitter = emitter;
    EventSink sink = new EventSink() {
      @Override
      public void request(RequestEvent event) {
        emitter.emit(event);
      }

      @Override
      public void log(LogEvent event) {
        emitter.emit(event);
      }

      @Override
      public void cost(CostEvent event) {
        emitter.emit(event);
      }
    };
    this.thread = new Thread(() -> {
      long from = generator.startMs();
      try {
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

  static TrafficLoop start(TrafficGenerator generator, URI gatewayEvents) {
    KlaxonEmitter emitter = KlaxonEmitter.builder().http(gatewayEvents).linger(Duration.ofMillis(TICK_MS)).build();
    TrafficLoop loop = new TrafficLoop(generator, emitter);
    loop.thread.start();
    return loop;
  }

  /** Stops generating and delivers what was generated. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
    emitter.close(Duration.ofSeconds(5));
  }
}

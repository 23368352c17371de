package dev.klaxon.runtime.streams;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Klaxon's own counters in a topology, registered as Kafka Streams metrics so they show up with the
 * rest in {@code KafkaStreams#metrics()} and at {@code /metrics} (group {@code stream-klaxon-metrics},
 * tag {@code klaxon-id} = the entity, e.g. the processor or store that counts).
 */
public final class KlaxonSensors {

  static final String SCOPE = "klaxon";

  private KlaxonSensors() {}

  /** Events that arrived after their window closed (end + grace): counted, then dropped. */
  public static Sensor lateEvents(ProcessorContext<?, ?> context, String entity) {
    return counter(context, entity, "late-events");
  }

  /** Records that could not be decoded or failed validation and went to the dead-letter topic. */
  public static Sensor deadLetters(ProcessorContext<?, ?> context, String entity) {
    return counter(context, entity, "dead-letters");
  }

  /** A rate and a total ({@code <operation>-rate}, {@code <operation>-total}) of {@code entity}. */
  public static Sensor counter(ProcessorContext<?, ?> context, String entity, String operation) {
    return context.metrics().addRateTotalSensor(SCOPE, entity, operation, Sensor.RecordingLevel.INFO);
  }
}

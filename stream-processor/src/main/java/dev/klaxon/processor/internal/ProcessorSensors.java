package dev.klaxon.processor.internal;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Klaxon's own counters, registered as Kafka Streams metrics so they show up with the rest in
 * {@code KafkaStreams#metrics()} and at {@code /metrics} (group {@code stream-klaxon-metrics}).
 */
public final class ProcessorSensors {

  static final String SCOPE = "klaxon";

  private ProcessorSensors() {}

  /** Events that arrived after their window closed (end + grace): counted, then dropped. */
  public static Sensor lateEvents(ProcessorContext<?, ?> context, String entity) {
    return sensor(context, entity, "late-events");
  }

  /** Records that could not be decoded or failed validation and went to the dead-letter topic. */
  public static Sensor deadLetters(ProcessorContext<?, ?> context, String entity) {
    return sensor(context, entity, "dead-letters");
  }

  private static Sensor sensor(ProcessorContext<?, ?> context, String entity, String operation) {
    return context.metrics().addRateTotalSensor(SCOPE, entity, operation, Sensor.RecordingLevel.INFO);
  }
}

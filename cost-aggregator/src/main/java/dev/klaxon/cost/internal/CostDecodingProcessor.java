package dev.klaxon.cost.internal;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.validation.EventRules;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the spend topology: raw bytes to a {@link CostEvent} that passed the event rules,
 * or the original record to the dead-letter sink with headers naming the error and its source.
 * Same contract as the stream processor's decoding step (a registry outage fails the thread, bad
 * data is dead-lettered); a shared copy is left for later (see the module README).
 */
public final class CostDecodingProcessor implements Processor<byte[], byte[], Object, Object> {

  private final AvroSerde<CostEvent> serde;
  private final String topic;
  private final EventRules rules;
  private final String eventsChild;
  private final String deadLetterChild;
  private ProcessorContext<Object, Object> context;

  public CostDecodingProcessor(AvroSerde<CostEvent> serde, String topic, EventRules rules, String eventsChild,
      String deadLetterChild) {
    this.serde = serde;
    this.topic = topic;
    this.rules = rules;
    this.eventsChild = eventsChild;
    this.deadLetterChild = deadLetterChild;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    CostEvent event;
    try {
      event = decode(record.value());
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw e; // an outage, not bad data: fail the thread; it resumes from the last commit
      }
      deadLetter(record, e);
      return;
    } catch (RuntimeException e) {
      deadLetter(record, e);
      return;
    }
    context.forward(new Record<Object, Object>(null, event, record.timestamp()), eventsChild);
  }

  private CostEvent decode(byte[] bytes) {
    CostEvent event = serde.decode(topic, bytes);
    if (event == null) {
      throw new IllegalArgumentException("record has no value (null or tombstone)");
    }
    return rules.requireValid(event);
  }

  private void deadLetter(Record<byte[], byte[]> record, RuntimeException e) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    context.forward(record.withHeaders(DeadLetterHeaders.describe(record.headers(), e, source.topic(),
        source.partition(), source.offset())), deadLetterChild);
  }
}

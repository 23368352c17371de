package dev.klaxon.runtime.streams;

import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import dev.klaxon.schemas.serde.AvroSerde;
import dev.klaxon.schemas.validation.EventRules;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of every topology that reads input events: turns raw bytes into an event, or sends the
 * record to the dead-letter sink with headers naming the error, topic, partition and offset.
 * Processing goes on either way, and since the dead-letter record is written by the topology itself
 * it is part of the same exactly-once transaction as everything else. A schema-registry outage is
 * not bad data: it fails the stream thread, which resumes from the last commit.
 *
 * <p>Records that failed are counted in the {@code dead-letters} metric, named after the events child.
 *
 * <p>The events go to a child node, or ({@link #into}) straight to the next processor within this
 * node: a hot pipeline saves Kafka Streams' forwarding of every record from one node to the next
 * (issue 13).
 *
 * @param <E> decoded event
 */
public final class DecodingProcessor<E> implements Processor<byte[], byte[], Object, Object> {

  private final Function<byte[], E> decodeAndValidate;
  private final String eventsChild; // or the node's name, when next runs in it
  private final Processor<?, E, ?, ?> next; // null: events are forwarded to eventsChild
  private final String deadLetterChild;
  private ProcessorContext<Object, Object> context;
  private Sensor deadLetters;

  /**
   * @param decodeAndValidate returns the event, or throws with a message naming the bad field
   * @param eventsChild child receiving each event (key null, the record's timestamp and headers)
   * @param deadLetterChild child receiving each bad record, original bytes and headers plus the error's
   */
  public DecodingProcessor(Function<byte[], E> decodeAndValidate, String eventsChild, String deadLetterChild) {
    this(decodeAndValidate, eventsChild, null, deadLetterChild);
  }

  private DecodingProcessor(Function<byte[], E> decodeAndValidate, String eventsChild, Processor<?, E, ?, ?> next,
      String deadLetterChild) {
    this.decodeAndValidate = decodeAndValidate;
    this.eventsChild = eventsChild;
    this.next = next;
    this.deadLetterChild = deadLetterChild;
  }

  /**
   * Decodes, then runs {@code next} on each event (key null, the record's timestamp and headers) in
   * this same node, which is named {@code nodeName}: {@code next} shares the node's context, so its
   * stores and the children it forwards to are the node's, next to {@code deadLetterChild}.
   */
  public static <E> DecodingProcessor<E> into(Function<byte[], E> decodeAndValidate, String nodeName,
      Processor<?, E, ?, ?> next, String deadLetterChild) {
    return new DecodingProcessor<>(decodeAndValidate, nodeName, next, deadLetterChild);
  }

  /**
   * Decodes records of {@code topic} and applies {@code rules}; throws, naming the problem, for a
   * tombstone, bytes that are not an event, or an event that breaks a rule, so this processor
   * dead-letters it instead of passing it on.
   */
  public static <T extends SpecificRecord> Function<byte[], T> validEvents(AvroSerde<T> serde, String topic,
      EventRules rules) {
    return bytes -> rules.requireValid(require(serde.decode(topic, bytes)));
  }

  private static <T> T require(T decoded) {
    if (decoded == null) {
      throw new IllegalArgumentException("record has no value (null or tombstone)");
    }
    return decoded;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.deadLetters = KlaxonSensors.deadLetters(context, eventsChild);
    if (next != null) {
      @SuppressWarnings({"unchecked", "rawtypes"}) // one node: next forwards what this node's children take
      ProcessorContext shared = context;
      next.init(shared);
    }
  }

  @Override
  public void close() {
    if (next != null) {
      next.close();
    }
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    E event;
    try {
      event = decodeAndValidate.apply(record.value());
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
    // Headers go on with the event: after a repartition they carry what the step before it stamped.
    if (next != null) {
      processNext(new Record<>(null, event, record.timestamp(), record.headers()));
      return;
    }
    context.forward(record.withKey((Object) null).withValue((Object) event), eventsChild);
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // the key is null, which every key type holds
  private void processNext(Record<?, E> event) {
    ((Processor) next).process(event);
  }

  private void deadLetter(Record<byte[], byte[]> record, RuntimeException e) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    context.forward(record.withHeaders(DeadLetterHeaders.describe(record.headers(), e, source.topic(),
        source.partition(), source.offset())), deadLetterChild);
    deadLetters.record();
  }
}

package dev.klaxon.rules.internal;

import dev.klaxon.rules.EvaluatorMetrics;
import dev.klaxon.schemas.DeadLetterHeaders;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the evaluator: a metric record keyed by its service, so that every window of a service
 * (its series, window after window, closed and open, requests, logs and the service's spend) reaches
 * the same task and its alert state; a user's spend is keyed by user instead
 * ({@link MetricInput#partitionKey()}). The metric topics are keyed by series and window, which spreads
 * one series over partitions. A record that is not a window is marked for the dead-letter topic, with
 * headers naming the error and where it came from, in the same transaction as everything else.
 */
public final class ServiceKeying extends ContextualProcessor<String, byte[], String, byte[]> {

  /** Value of a record bound for the dead-letter topic: the original bytes behind this marker. */
  public static final byte DEAD_LETTER = -1;

  private final Map<String, MetricRecord.Kind> kinds;
  private final MetricRecord.Decoder decoder;
  private final EvaluatorMetrics metrics;

  public ServiceKeying(Map<String, MetricRecord.Kind> kinds, MetricRecord.Decoder decoder, EvaluatorMetrics metrics) {
    this.kinds = kinds;
    this.decoder = decoder;
    this.metrics = metrics;
  }

  public static boolean isDeadLetter(byte[] value) {
    return value != null && value.length > 0 && value[0] == DEAD_LETTER;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata source = context().recordMetadata().orElseThrow();
    MetricRecord.Kind kind = kinds.get(source.topic());
    try {
      MetricInput input = decoder.decode(kind, record.value(), record.timestamp());
      context().forward(record.withKey(input.partitionKey()).withValue(MetricRecord.wrap(kind, record.value())));
    } catch (SchemaRegistryException e) {
      if (e.isRetriable()) {
        throw e; // an outage, not bad data: fail the thread; it resumes from the last commit
      }
      deadLetter(record, source, e);
    } catch (RuntimeException e) {
      deadLetter(record, source, e);
    }
  }

  private void deadLetter(Record<String, byte[]> record, RecordMetadata source, RuntimeException e) {
    byte[] original = record.value() == null ? new byte[0] : record.value();
    byte[] marked = new byte[original.length + 1];
    marked[0] = DEAD_LETTER;
    System.arraycopy(original, 0, marked, 1, original.length);
    context().forward(record.withValue(marked).withHeaders(DeadLetterHeaders.describe(record.headers(), e,
        source.topic(), source.partition(), source.offset())));
    metrics.deadLettered();
  }
}

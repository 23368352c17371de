package dev.klaxon.cost.internal;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Before the repartition: stamps each valid cost event with the input partition it was read from
 * ({@link SourcePartition}), which the repartition would otherwise lose.
 */
public final class SourcePartitionStamp implements FixedKeyProcessor<Object, Object, ValidCost> {

  private FixedKeyProcessorContext<Object, ValidCost> context;

  @Override
  public void init(FixedKeyProcessorContext<Object, ValidCost> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<Object, Object> record) {
    int partition = context.recordMetadata().map(m -> m.partition()).orElse(SourcePartition.UNKNOWN);
    context.forward(record.withValue((ValidCost) record.value()).withHeaders(SourcePartition.headers(partition)));
  }
}

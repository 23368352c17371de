package dev.klaxon.processor.internal;

import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one metrics pipeline aggregates per window: the generic part (windows, grace, closing,
 * state) lives in {@link WindowedAggregationProcessor}.
 *
 * @param <E> input event
 * @param <A> mutable aggregate of one window of one series
 */
public interface WindowAggregation<E, A> {

  /** Event time of the event, epoch ms. */
  long timestampOf(E event);

  /** Series the event counts in, e.g. per route and per whole service. */
  void forEachSeries(E event, Consumer<String> series);

  A newAggregate();

  void add(A aggregate, E event);

  byte[] encode(A aggregate);

  A decode(byte[] bytes);

  /** The metric record of the window when it closes: its final values. */
  SpecificRecord toRecord(WindowKey window, A aggregate);

  /** The record of the window's running values while it is open (the open-window topics). */
  default SpecificRecord toOpenRecord(WindowKey window, A aggregate) {
    return toRecord(window, aggregate);
  }
}

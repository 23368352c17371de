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

  /** Series the event counts in, e.g. per route. Not rollups: those are derived from their members. */
  void forEachSeries(E event, Consumer<String> series);

  /**
   * The rollup window a window also counts in (per route → the whole service), or null. A rollup
   * is not updated per event: it is merged from its members' aggregates when it is read (published
   * or closed), which gives the same values for one series less per event (issue 13).
   */
  default WindowKey rollupOf(WindowKey member) {
    return null;
  }

  /** Whether the window is a rollup: never a member, never kept in state. */
  default boolean isRollup(WindowKey window) {
    return false;
  }

  /** Adds a member's values into a rollup's aggregate. */
  default void merge(A rollup, A member) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no rollups");
  }

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

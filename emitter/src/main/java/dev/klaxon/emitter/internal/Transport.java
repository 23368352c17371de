package dev.klaxon.emitter.internal;

import java.time.Duration;
import java.util.List;

/**
 * Moves batches to their destination. Called by one sender thread at a time; every event it is
 * given must eventually be reported to {@link Outcomes} exactly once, as delivered or dropped.
 */
public interface Transport {

  /**
   * Sends {@code batch}. May return before delivery (reporting later from another thread) or
   * block while retrying. An interrupt means the emitter is closing: the transport reports every
   * event of the batch it has not reported yet as dropped ({@code CLOSED}) and rethrows.
   */
  void send(List<Pending> batch, Outcomes outcomes) throws InterruptedException;

  /** Retries the transport made that it did not report through {@link Outcomes#retried()}. */
  default long internalRetries() {
    return 0;
  }

  /**
   * Releases resources, waiting at most {@code timeout} for events in flight; those still in
   * flight afterwards are reported dropped.
   */
  void close(Duration timeout);
}

package dev.klaxon.sink.notify.delivery;

import dev.klaxon.sink.notify.AlertGroup;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the pipeline hands a group for one entry of its receiver ({@code oncall/slack[0]}): the one
 * seam between deciding what to send and sending it. {@link #submit} returns at once; the outcome
 * comes later, on another thread. The sink's outbox is {@link Destinations}.
 */
public interface Outbox extends AutoCloseable {

  /** How a submitted notification ended. */
  sealed interface Outcome {
    /** The provider accepted {@code sent}: the submitted state, or a newer state of the group that replaced it. */
    record Delivered(AlertGroup sent) implements Outcome {}

    /** Given up on (permanent error, spent retry budget, stopping); {@code reason} holds no secret. */
    record Failed(String reason) implements Outcome {}
  }

  /** The receiver's entries, named like {@code slack[0]} (notification log, dead letters), in config order. */
  List<String> integrations(String receiver);

  /**
   * Queues {@code group} for the entry {@code integration} of {@code group.receiver()};
   * {@code outcome} is called exactly once unless the sink stops first.
   */
  void submit(String integration, AlertGroup group, Consumer<Outcome> outcome);

  /** Stops sending; what is still queued is not sent and stays pending in the notification log. */
  @Override
  default void close() {}
}

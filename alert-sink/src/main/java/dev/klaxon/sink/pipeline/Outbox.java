package dev.klaxon.sink.pipeline;

import dev.klaxon.sink.notify.AlertGroup;
import java.util.function.Consumer;

/**
 * Where the pipeline hands the notifications of one receiver integration ({@code oncall/slack[0]}).
 * {@link #submit} returns at once; the outcome comes later, on another thread.
 */
public interface Outbox extends AutoCloseable {

  /** How a submitted notification ended. */
  sealed interface Outcome {
    /** The provider accepted {@code sent}: the submitted state, or a newer state of the group that replaced it. */
    record Delivered(AlertGroup sent) implements Outcome {}

    /** Given up on (permanent error, spent retry budget, stopping); {@code reason} holds no secret. */
    record Failed(String reason) implements Outcome {}
  }

  /** Queues {@code group}; {@code outcome} is called exactly once unless the sink stops first. */
  void submit(AlertGroup group, Consumer<Outcome> outcome);

  @Override
  default void close() {}
}

package dev.klaxon.sink.testing;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.pipeline.Outbox;
import dev.klaxon.sink.pipeline.ReceiverOutboxes;
import java.util.function.Consumer;

/** Sends on the caller's thread, once, and reports at once: timing tests see the result in the same tick. */
public final class InlineOutbox implements Outbox {

  private final Notifier notifier;

  private InlineOutbox(Notifier notifier) {
    this.notifier = notifier;
  }

  public static ReceiverOutboxes.Factory factory() {
    return (receiver, integration, notifier) -> new InlineOutbox(notifier);
  }

  @Override
  public void submit(AlertGroup group, Consumer<Outcome> outcome) {
    try {
      notifier.notify(group);
    } catch (NotifyException e) {
      outcome.accept(new Outcome.Failed(e.getMessage()));
      return;
    }
    outcome.accept(new Outcome.Delivered(group));
  }
}

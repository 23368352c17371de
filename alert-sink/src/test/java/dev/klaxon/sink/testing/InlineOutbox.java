package dev.klaxon.sink.testing;

import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.NotifyException;
import dev.klaxon.sink.notify.ReceiverNotifiers;
import dev.klaxon.sink.notify.delivery.Outbox;
import java.util.List;
import java.util.function.Consumer;

/** Sends on the caller's thread, once, and reports at once: timing tests see the result in the same tick. */
public final class InlineOutbox implements Outbox {

  private final ReceiverNotifiers notifiers;

  public InlineOutbox(ReceiverNotifiers notifiers) {
    this.notifiers = notifiers;
  }

  @Override
  public List<String> integrations(String receiver) {
    return notifiers.of(receiver).stream().map(ReceiverNotifiers.Named::name).toList();
  }

  @Override
  public void submit(String integration, AlertGroup group, Consumer<Outcome> outcome) {
    ReceiverNotifiers.Named entry = notifiers.of(group.receiver()).stream()
        .filter(named -> named.name().equals(integration)).findFirst().orElseThrow();
    try {
      entry.notifier().notify(group);
    } catch (NotifyException e) {
      outcome.accept(new Outcome.Failed(e.getMessage()));
      return;
    }
    outcome.accept(new Outcome.Delivered(group));
  }
}

package dev.klaxon.sink.pipeline;

import dev.klaxon.sink.notify.Notifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each receiver's outboxes, one per integration entry, named like the notifiers ({@code slack[0]}). */
public final class ReceiverOutboxes implements AutoCloseable {

  public record Named(String name, Outbox outbox) {}

  /** Makes the outbox of one entry. */
  @FunctionalInterface
  public interface Factory {
    Outbox create(String receiver, String integration, Notifier notifier);
  }

  private final Map<String, List<Named>> byReceiver;

  private ReceiverOutboxes(Map<String, List<Named>> byReceiver) {
    this.byReceiver = byReceiver;
  }

  public static ReceiverOutboxes of(ReceiverNotifiers notifiers, Factory factory) {
    Map<String, List<Named>> out = new LinkedHashMap<>();
    for (String receiver : notifiers.receivers()) {
      List<Named> outboxes = new ArrayList<>();
      for (ReceiverNotifiers.Named entry : notifiers.of(receiver)) {
        outboxes.add(new Named(entry.name(), factory.create(receiver, entry.name(), entry.notifier())));
      }
      out.put(receiver, List.copyOf(outboxes));
    }
    return new ReceiverOutboxes(out);
  }

  public List<Named> of(String receiver) {
    return byReceiver.getOrDefault(receiver, List.of());
  }

  @Override
  public void close() {
    byReceiver.values().forEach(list -> list.forEach(named -> named.outbox().close()));
  }
}

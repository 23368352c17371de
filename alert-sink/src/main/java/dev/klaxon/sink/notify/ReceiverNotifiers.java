package dev.klaxon.sink.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.InvalidConfigException;
import dev.klaxon.sink.config.ReceiverConfig;
import dev.klaxon.sink.config.SinkConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each receiver's notifiers, built by the integrations from the receiver's {@code <type>_configs};
 * built before anything starts, so a bad entry fails the start.
 * {@link dev.klaxon.sink.notify.delivery.Destinations} puts the delivery stage around them.
 */
public final class ReceiverNotifiers {

  /** One destination of a receiver, named like {@code slack[0]} in logs, metrics and the notification log. */
  public record Named(String name, Notifier notifier) {}

  private final Map<String, List<Named>> byReceiver;

  private ReceiverNotifiers(Map<String, List<Named>> byReceiver) {
    this.byReceiver = byReceiver;
  }

  /**
   * @param integrations by type ({@code slack}, ...)
   * @throws InvalidConfigException naming every entry no integration can build
   */
  public static ReceiverNotifiers build(SinkConfig config, Map<String, Integration> integrations) {
    Map<String, List<Named>> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (ReceiverConfig receiver : config.receivers()) {
      List<Named> notifiers = new ArrayList<>();
      for (Map.Entry<String, List<JsonNode>> type : receiver.configs().entrySet()) {
        String path = receiver.path() + "." + type.getKey() + "_configs";
        Integration integration = integrations.get(type.getKey());
        if (integration == null) {
          problems.add(path + ": no " + type.getKey() + " integration is installed (have " + integrations.keySet() + ")");
          continue;
        }
        for (int i = 0; i < type.getValue().size(); i++) {
          try {
            Notifier notifier = integration.create(type.getValue().get(i), path + "[" + i + "]");
            notifiers.add(new Named(type.getKey() + "[" + i + "]", notifier));
          } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
          }
        }
      }
      out.put(receiver.name(), List.copyOf(notifiers));
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new ReceiverNotifiers(out);
  }

  public Set<String> receivers() {
    return byReceiver.keySet();
  }

  public List<Named> of(String receiver) {
    return byReceiver.getOrDefault(receiver, List.of());
  }
}

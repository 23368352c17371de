package dev.klaxon.sink.pipeline;

import dev.klaxon.schemas.Alert;
import dev.klaxon.sink.inhibit.Inhibitor.Inhibition;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.silence.Silence;
import java.time.Instant;
import java.util.List;

/** Every decision the sink takes about an alert, for metrics and the {@code why} timeline. */
public interface SinkEvents {

  default void received(Alert alert, List<String> groupKeys, Instant at) {}

  default void inhibited(Alert alert, String groupKey, Inhibition by, Instant at) {}

  default void silenced(Alert alert, String groupKey, Silence by, Instant at) {}

  /** Nothing new since the last notification and repeat_interval not reached. */
  default void deduplicated(String groupKey, String integration, Instant at) {}

  default void sent(AlertGroup group, String integration, Instant at) {}

  /** Delivery gave up (the group went to the dead letter) or could not start. */
  default void failed(AlertGroup group, String integration, String reason, Instant at) {}

  /** The provider accepted it but the notification log could not be written: it will be sent again. */
  default void notLogged(AlertGroup group, String integration, String reason, Instant at) {}

  SinkEvents NONE = new SinkEvents() {};

  static SinkEvents all(SinkEvents... listeners) {
    List<SinkEvents> list = List.of(listeners);
    return new SinkEvents() {
      @Override public void received(Alert a, List<String> k, Instant t) { list.forEach(l -> l.received(a, k, t)); }
      @Override public void inhibited(Alert a, String k, Inhibition b, Instant t) { list.forEach(l -> l.inhibited(a, k, b, t)); }
      @Override public void silenced(Alert a, String k, Silence b, Instant t) { list.forEach(l -> l.silenced(a, k, b, t)); }
      @Override public void deduplicated(String k, String i, Instant t) { list.forEach(l -> l.deduplicated(k, i, t)); }
      @Override public void sent(AlertGroup g, String i, Instant t) { list.forEach(l -> l.sent(g, i, t)); }
      @Override public void failed(AlertGroup g, String i, String r, Instant t) { list.forEach(l -> l.failed(g, i, r, t)); }
      @Override public void notLogged(AlertGroup g, String i, String r, Instant t) { list.forEach(l -> l.notLogged(g, i, r, t)); }
    };
  }
}

package dev.klaxon.replay.notify;

import dev.klaxon.sink.config.ReceiverConfig;
import dev.klaxon.sink.config.SinkConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * A receiver's integrations as the sink names them ({@code slack[0]}, {@code pagerduty[0]}...): what
 * the notification log is keyed by, so de-duplication is decided per integration as live.
 */
final class Receivers {

  record Entry(String name, String type) {}

  private Receivers() {}

  static List<Entry> integrations(SinkConfig config, String receiver) {
    List<Entry> out = new ArrayList<>();
    config.receiver(receiver).map(ReceiverConfig::configs).ifPresent(configs -> configs.forEach((key, entries) -> {
      String type = key.endsWith("_configs") ? key.substring(0, key.length() - "_configs".length()) : key;
      for (int i = 0; i < entries.size(); i++) {
        out.add(new Entry(type + "[" + i + "]", type));
      }
    }));
    return out;
  }
}

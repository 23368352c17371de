package dev.klaxon.sink.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.InvalidConfigException;

/**
 * One provider (slack, discord, pagerduty, webhook): turns one entry of a receiver's
 * {@code <type>_configs} list into a {@link Notifier}. The routing config stays ignorant of each
 * provider's settings; each integration validates its own, strictly.
 */
public interface Integration {

  /** e.g. {@code slack}; the receiver key is {@code slack_configs}. */
  String type();

  /**
   * @param config the YAML entry
   * @param path where it is in the file, for error messages, e.g. {@code receivers[0].slack_configs[1]}
   * @throws InvalidConfigException naming {@code path} and the bad key, for unknown keys or bad values
   */
  Notifier create(JsonNode config, String path);
}

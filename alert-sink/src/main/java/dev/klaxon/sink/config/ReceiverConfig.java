package dev.klaxon.sink.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A named receiver and its integrations' raw settings, e.g. {@code slack_configs}: each entry is
 * validated by the integration of that type when the sink starts (see
 * {@link dev.klaxon.sink.notify.Integration}).
 *
 * @param configs integration type ({@code slack}) → its entries, in file order
 */
public record ReceiverConfig(String name, String path, Map<String, List<JsonNode>> configs) {

  public ReceiverConfig {
    // Deep copies: JsonNode is mutable, this record is not.
    java.util.LinkedHashMap<String, List<JsonNode>> copy = new java.util.LinkedHashMap<>();
    configs.forEach((type, entries) -> copy.put(type, entries.stream().<JsonNode>map(JsonNode::deepCopy).toList()));
    configs = java.util.Collections.unmodifiableMap(copy);
  }

  /** The entries, each a fresh copy. */
  @Override
  public Map<String, List<JsonNode>> configs() {
    java.util.LinkedHashMap<String, List<JsonNode>> copy = new java.util.LinkedHashMap<>();
    configs.forEach((type, entries) -> copy.put(type, entries.stream().<JsonNode>map(JsonNode::deepCopy).toList()));
    return java.util.Collections.unmodifiableMap(copy);
  }

  public int integrationCount() {
    return configs.values().stream().mapToInt(List::size).sum();
  }
}

package dev.klaxon.sink.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** Integrations over a fresh HttpClient and a fake environment; configs written as YAML like the real file. */
public final class TestIntegrations {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TestIntegrations() {}

  public static Integrations with(Map<String, String> env, NotifyStats stats) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return Integrations.create(http, env::get, stats);
  }

  public static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static Notifier notifier(Integrations integrations, String type, Map<String, String> config) {
    return integrations.byType().get(type).create(YAML.valueToTree(config), "receivers[0]." + type + "_configs[0]");
  }
}

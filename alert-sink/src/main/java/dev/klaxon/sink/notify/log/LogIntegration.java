package dev.klaxon.sink.notify.log;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.internal.StrictConfig;
import java.util.Set;

/**
 * {@code log_configs} entries: each notification as one line in the sink's own log, nothing sent
 * anywhere. For a laptop ({@code klaxon run --embedded} routes to it until a real receiver is
 * configured) and for seeing what a routing would send before giving it a Slack URL.
 * <pre>
 * - send_resolved: true   # default true
 * </pre>
 */
public final class LogIntegration implements Integration {

  private static final Set<String> KEYS = Set.of("send_resolved");

  @Override
  public String type() {
    return "log";
  }

  @Override
  public Notifier create(JsonNode config, String path) {
    StrictConfig c = StrictConfig.of(config, path, KEYS);
    return new LogNotifier(c.bool("send_resolved", true));
  }
}

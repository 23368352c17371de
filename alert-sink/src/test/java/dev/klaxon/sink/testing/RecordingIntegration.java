package dev.klaxon.sink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.klaxon.sink.InvalidConfigException;
import dev.klaxon.sink.notify.AlertGroup;
import dev.klaxon.sink.notify.Integration;
import dev.klaxon.sink.notify.Notifier;
import dev.klaxon.sink.notify.NotifyException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test integration for any type: records every AlertGroup it is asked to send, tagged with the
 * entry's {@code name}, and can be told to fail the next sends. Accepts only the key {@code name}
 * (strict, like the real integrations), plus the secret keys the default config uses.
 */
public final class RecordingIntegration implements Integration {

  public record Sent(String type, String name, AlertGroup group) {}

  private final String type;
  private final List<Sent> sent;
  private final AtomicInteger failuresToInject = new AtomicInteger();

  public RecordingIntegration(String type, List<Sent> sharedLog) {
    this.type = type;
    this.sent = sharedLog;
  }

  public static List<Sent> newLog() {
    return new CopyOnWriteArrayList<>();
  }

  public void failNext(int times) {
    failuresToInject.set(times);
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Notifier create(JsonNode config, String path) {
    for (Iterator<String> keys = config.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("name") && !key.endsWith("_env") && !key.endsWith("_file")) {
        throw InvalidConfigException.at(path + "." + key, "unknown key");
      }
    }
    String name = config.path("name").asText(type);
    return new Notifier() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public void notify(AlertGroup group) throws NotifyException {
        if (failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          throw NotifyException.retryable("injected failure", null, null);
        }
        sent.add(new Sent(type, name, group));
      }
    };
  }

  /** Sends to one receiver, in order. */
  public static List<Sent> to(List<Sent> log, String receiver) {
    List<Sent> out = new ArrayList<>();
    for (Sent s : log) {
      if (s.group().receiver().equals(receiver)) {
        out.add(s);
      }
    }
    return out;
  }
}

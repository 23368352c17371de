package dev.klaxon.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server standing in for PagerDuty, Slack and the rest: it answers 200 to every
 * Alertmanager-style webhook POST and notes when each one arrived, on which path, with which alerts.
 */
final class WebhookRecorder implements AutoCloseable {

  /** One alert of a notification, with all its labels (alertname and severity among them). */
  record NotifiedAlert(String alertname, String severity, String status, Map<String, String> labels) {}

  /** One POST, timestamped (epoch ms) as soon as its body is read. */
  record Notification(long arrivedAtMs, String path, String receiver, List<NotifiedAlert> alerts) {}

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();

  private WebhookRecorder(HttpServer server) {
    this.server = server;
  }

  static WebhookRecorder start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    WebhookRecorder recorder = new WebhookRecorder(server);
    server.createContext("/", recorder::handle);
    server.setExecutor(Executors.newFixedThreadPool(2, r -> {
      Thread thread = new Thread(r, "webhook-recorder");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return recorder;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Notification> notifications() {
    return List.copyOf(notifications);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    long arrived = System.currentTimeMillis();
    List<NotifiedAlert> alerts = new ArrayList<>();
    String receiver = "";
    try {
      JsonNode payload = json.readTree(body);
      receiver = payload.path("receiver").asText();
      for (JsonNode alert : payload.path("alerts")) {
        Map<String, String> labels = new TreeMap<>();
        alert.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        alerts.add(new NotifiedAlert(alert.path("labels").path("alertname").asText(),
            alert.path("labels").path("severity").asText(), alert.path("status").asText(), labels));
      }
    } catch (IOException e) {
      receiver = "(unreadable body: " + e.getMessage() + ")";
    }
    notifications.add(new Notification(arrived, exchange.getRequestURI().getPath(), receiver, alerts));
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

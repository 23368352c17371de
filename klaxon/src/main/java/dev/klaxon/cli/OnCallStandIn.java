package dev.klaxon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's Slack and PagerDuty: a local HTTP server that plays Slack's incoming webhook
 * ({@code POST /slack/<channel>}, answers {@code 200 ok}) and PagerDuty's Events API v2
 * ({@code POST /v2/enqueue}, answers {@code 202} as PagerDuty does), receives the real JSON the
 * sink's notifiers send, and prints each notification the way on-call would see it: receiver,
 * FIRING or RESOLVED, severity, summary, value and threshold. Each notification is printed with one
 * write, so it lands whole between two tables.
 */
final class OnCallStandIn implements AutoCloseable {

  static final String SLACK_PATH = "/slack/";
  static final String PAGERDUTY_PATH = "/v2/enqueue";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  /** Slack's date token: {@code <!date^1740830400^{date_short_pretty} {time}|2025-03-01T12:00:00Z>}. */
  private static final Pattern SLACK_DATE = Pattern.compile("<!date\\^\\d+\\^[^|>]*\\|([^>]*)>");
  private static final Pattern SLACK_LINK = Pattern.compile("<([^|>]*)\\|([^>]*)>");
  private static final String LINE_FORMAT = ">> %s %-16s %-8s %-8s  %s%n";

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrintWriter out;
  private final boolean colour;
  private final Clock clock;
  /** PagerDuty's resolve carries only the dedup_key; on-call sees which incident it closes. */
  private final Map<String, String> incidents = new HashMap<>();
  /** Slack's resolved text shows no severity; the channel's last firing message of that alert had one. */
  private final Map<String, String> lastSeverity = new HashMap<>();

  private OnCallStandIn(HttpServer server, PrintWriter out, boolean colour, Clock clock) {
    this.server = server;
    this.out = out;
    this.colour = colour;
    this.clock = clock;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "klaxon-demo-on-call");
      t.setDaemon(true);
      return t;
    });
    server.createContext(SLACK_PATH, exchange -> receive(exchange, this::slack, 200, "ok"));
    server.createContext(PAGERDUTY_PATH, exchange -> receive(exchange, this::pagerDuty, 202,
        "{\"status\":\"success\",\"message\":\"Event processed\"}"));
    server.setExecutor(executor); // one thread: notifications print in the order they arrive
  }

  /** Listens on a free loopback port. */
  static OnCallStandIn start(PrintWriter out, boolean colour) {
    return start(out, colour, Clock.systemDefaultZone());
  }

  static OnCallStandIn start(PrintWriter out, boolean colour, Clock clock) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OnCallStandIn standIn = new OnCallStandIn(server, out, colour, clock);
      server.start();
      return standIn;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the on-call stand-in: " + e.getMessage(), e);
    }
  }

  /** e.g. {@code http://127.0.0.1:53211/}. */
  URI uri() {
    return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
  }

  private interface Renderer {
    List<String> render(String path, JsonNode body);
  }

  private void receive(HttpExchange exchange, Renderer renderer, int status, String answer) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 405, "POST only");
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(in.readAllBytes());
      } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
        print(List.of(String.format(Locale.ROOT, LINE_FORMAT, now(), exchange.getRequestURI().getPath(), "?", "",
            "unreadable payload: " + unreadable.getOriginalMessage())));
        respond(exchange, 400, "invalid JSON");
        return;
      }
      print(renderer.render(exchange.getRequestURI().getPath(), body)); // printed before the answer: a test reads it then
      respond(exchange, status, answer);
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void print(List<String> lines) {
    StringBuilder block = new StringBuilder();
    lines.forEach(block::append);
    out.print(block);
    out.flush();
  }

  /**
   * A Slack incoming-webhook message as Klaxon's notifier builds it (Block Kit in one attachment):
   * one line per alert section, its emoji read as on-call reads it.
   */
  List<String> slack(String path, JsonNode message) {
    String receiver = "Slack #" + path.substring(SLACK_PATH.length());
    List<String> lines = new ArrayList<>();
    for (JsonNode attachment : message.path("attachments")) {
      for (JsonNode block : attachment.path("blocks")) {
        String text = block.path("text").path("text").asText("");
        if (!"section".equals(block.path("type").asText()) || text.isEmpty()) {
          continue;
        }
        lines.add(slackAlert(receiver, text));
      }
    }
    if (lines.isEmpty()) { // a plain fallback message: only its text
      lines.add(line(receiver, "", "", plain(message.path("text").asText())));
    }
    return lines;
  }

  private String slackAlert(String receiver, String text) {
    String[] parts = text.split("\n");
    String head = parts[0];
    String summary = parts.length > 1 ? plain(parts[1]) : "";
    String facts = parts.length > 2 ? parts[2] : "";
    String what = plain(head.replaceFirst("^\\S+\\s+", "")); // "🔴 *Rule* · `service`" → "Rule · service"
    String key = receiver + " " + what;
    if (head.startsWith("✅")) {
      String was = facts.contains(" · was ") ? plain(facts.substring(facts.indexOf(" · was ") + 7)) : "";
      return line(receiver, "RESOLVED", lastSeverity.getOrDefault(key, ""),
          what + "  " + summary + (was.isEmpty() ? "" : "  (was " + was + ")"));
    }
    String severity = head.startsWith("🔴") ? "critical" : head.startsWith("🟡") ? "warning" : "info";
    lastSeverity.put(key, severity);
    String value = facts.startsWith("*Value* ") ? plain(facts.substring(8).replaceFirst(" · firing since .*$", "")) : "";
    return line(receiver, "FIRING", severity, what + "  " + summary + (value.isEmpty() ? "" : "  value " + value));
  }

  /**
   * A PagerDuty Events API v2 event: {@code trigger} (payload.summary and payload.severity, what the
   * incident shows) or {@code resolve} (only the dedup_key, so the stand-in names the incident it closes).
   */
  List<String> pagerDuty(String path, JsonNode event) {
    String action = event.path("event_action").asText();
    String dedupKey = event.path("dedup_key").asText();
    String trailer = "  [event_action " + action + ", dedup_key " + dedupKey + "]";
    return switch (action) {
      case "trigger" -> {
        String severity = event.path("payload").path("severity").asText();
        String summary = event.path("payload").path("summary").asText();
        incidents.put(dedupKey, severity + "\u0000" + summary);
        yield List.of(line("PagerDuty", "FIRING", severity, summary + trailer));
      }
      case "resolve" -> {
        String[] known = incidents.getOrDefault(dedupKey, "\u0000(an incident from before this run)").split("\u0000", 2);
        yield List.of(line("PagerDuty", "RESOLVED", known[0], known[1] + trailer));
      }
      default -> List.of(line("PagerDuty", action, "", trailer.strip()));
    };
  }

  private String line(String receiver, String status, String severity, String text) {
    String line = String.format(Locale.ROOT, LINE_FORMAT, now(), receiver, status, severity, text);
    if (!colour) {
      return line;
    }
    String paint = status.equals("RESOLVED") ? "\u001b[32m" : severity.equals("critical") ? "\u001b[31;1m"
        : severity.equals("warning") ? "\u001b[33m" : "";
    return paint.isEmpty() ? line : paint + line.stripTrailing() + "\u001b[0m" + System.lineSeparator();
  }

  private String now() {
    return TIME.format(Instant.now(clock));
  }

  /** Slack mrkdwn as a reader sees it: no bold or code marks, dates and links as their text, entities decoded. */
  static String plain(String mrkdwn) {
    String text = SLACK_DATE.matcher(mrkdwn).replaceAll(m -> Matcher.quoteReplacement(localTime(m.group(1))));
    text = SLACK_LINK.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
    return text.replace("*", "").replace("`", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  private static String localTime(String instant) {
    try {
      return TIME.format(Instant.parse(instant));
    } catch (RuntimeException notAnInstant) {
      return instant;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

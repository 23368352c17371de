package dev.klaxon.sink.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.klaxon.sink.Secret;
import dev.klaxon.sink.internal.HttpJson;
import dev.klaxon.sink.pipeline.DecisionTimeline;
import dev.klaxon.sink.silence.Silence;
import dev.klaxon.sink.silence.Silences;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's HTTP API: the silences ({@link SilencesEndpoint}) and the {@code why} timeline
 * ({@link WhyEndpoint}). It decides who gets paged, so every request needs
 * {@code Authorization: Bearer <admin key>}; with no keys configured it listens on the loopback
 * address only, and says so.
 */
public final class SinkApi implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkApi.class);

  private final HttpServer server;
  private final List<Secret> tokens;

  private SinkApi(HttpServer server, List<Secret> tokens) {
    this.server = server;
    this.tokens = List.copyOf(tokens);
  }

  /**
   * @param store writes a silence durably (the compacted topic) and into {@code silences}
   * @param tokens admin keys; empty = loopback only
   */
  public static SinkApi start(int port, Silences silences, Consumer<Silence> store, List<Secret> tokens,
      Clock clock, DecisionTimeline timeline) throws IOException {
    InetSocketAddress address = tokens.isEmpty()
        ? new InetSocketAddress(InetAddress.getLoopbackAddress(), port) : new InetSocketAddress(port);
    HttpServer server = HttpServer.create(address, 0);
    SinkApi api = new SinkApi(server, tokens);
    server.createContext(SilencesEndpoint.PATH, api.authorized(new SilencesEndpoint(silences, store, clock)::handle));
    server.createContext(WhyEndpoint.PATH, api.authorized(new WhyEndpoint(timeline)::handle));
    server.start();
    if (tokens.isEmpty()) {
      log.warn("silences API: no admin keys configured, listening on {} only (loopback); configure keys to open it",
          server.getAddress());
    } else {
      log.info("silences API on {} ({} admin keys)", server.getAddress(), tokens.size());
    }
    return api;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Runs {@code endpoint} for a request that carries a known admin key, answers 401 otherwise. */
  private HttpHandler authorized(HttpHandler endpoint) {
    return exchange -> {
      try (exchange) {
        if (isAuthorized(exchange)) {
          endpoint.handle(exchange);
        }
      }
    };
  }

  private boolean isAuthorized(HttpExchange exchange) throws IOException {
    if (tokens.isEmpty()) {
      return true; // loopback only
    }
    String header = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (header.startsWith("Bearer ")) {
      byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
      for (Secret token : tokens) {
        // Constant time: the comparison must not tell an attacker how much of a key was right.
        if (MessageDigest.isEqual(given, token.reveal().getBytes(StandardCharsets.UTF_8))) {
          return true;
        }
      }
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
    HttpJson.error(exchange, 401, "missing or unknown bearer token");
    return false;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

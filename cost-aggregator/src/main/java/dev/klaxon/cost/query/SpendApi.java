package dev.klaxon.cost.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend API, read top to bottom per request:
 *
 * <ul>
 *   <li>{@code GET /api/v1/spend/users/{userId}?period=day|month}: a user's running total of the
 *       current UTC day (default) or month, and per provider ({@link UserSpend});
 *   <li>{@code GET /api/v1/spend/top?period=day|month&limit=10}: the top spenders of the period
 *       across providers ({@link TopSpenders}).
 * </ul>
 *
 * <p>Errors are JSON {@code {"error": ...}}: 400 naming the bad parameter, 404 for any other path,
 * 405 for anything but GET, 503 (with {@code Retry-After}) while instances rebalance or restore.
 */
public final class SpendApi implements HttpHandler {

  /** Served under this prefix, beside {@code /metrics} and {@code /health}. */
  public static final String PREFIX = "/api/";
  private static final String USERS = "/api/v1/spend/users/";
  private static final String TOP = "/api/v1/spend/top";
  private static final int DEFAULT_LIMIT = 10;
  private static final int MAX_LIMIT = 1000;
  private static final Logger log = LoggerFactory.getLogger(SpendApi.class);

  private final SpendQueries queries;

  SpendApi(SpendQueries queries) {
    this.queries = queries;
  }

  /** The API of the instance {@code self} of {@code streams}, which runs {@code SpendTopology}. */
  public static SpendApi of(KafkaStreams streams, HostInfo self) {
    return new SpendApi(new SpendQueries(streams, self, new InstanceClient(), Clock.systemUTC()));
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      try {
        respond(exchange, 200, SpendJson.write(answer(exchange)));
      } catch (SpendQueryException e) {
        if (e.status() == 503) {
          exchange.getResponseHeaders().set("Retry-After", "1");
        }
        respond(exchange, e.status(), SpendJson.error(e.getMessage()));
      } catch (InvalidStateStoreException e) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        respond(exchange, 503, SpendJson.error("the spend store is not queryable right now (" + e.getMessage() + ")"));
      } catch (RuntimeException e) {
        log.warn("spend API: {} failed", exchange.getRequestURI(), e);
        respond(exchange, 500, SpendJson.error("internal error: " + e));
      }
    } finally {
      exchange.close();
    }
  }

  private Object answer(HttpExchange exchange) {
    String path = exchange.getRequestURI().getRawPath();
    boolean localOnly = exchange.getRequestHeaders().containsKey(InstanceClient.LOCAL_HEADER);
    if (path.startsWith(USERS) && path.length() > USERS.length() && path.indexOf('/', USERS.length()) < 0) {
      requireGet(exchange);
      Map<String, String> params = params(exchange.getRequestURI().getRawQuery(), Set.of("period"));
      String userId = URLDecoder.decode(path.substring(USERS.length()), StandardCharsets.UTF_8);
      return queries.user(userId, period(params), localOnly);
    }
    if (path.equals(TOP)) {
      requireGet(exchange);
      Map<String, String> params = params(exchange.getRequestURI().getRawQuery(), Set.of("period", "limit"));
      return queries.top(period(params), limit(params), localOnly);
    }
    throw new SpendQueryException(404, "no such path: " + path + "; the spend API has " + USERS + "{userId} and "
        + TOP);
  }

  private static void requireGet(HttpExchange exchange) {
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      throw new SpendQueryException(405, exchange.getRequestMethod() + " not allowed; the spend API is read-only (GET)");
    }
  }

  private static SpendPeriod period(Map<String, String> params) {
    return SpendPeriod.parse(params.getOrDefault("period", SpendPeriod.DAY.label()));
  }

  private static int limit(Map<String, String> params) {
    String value = params.get("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below, like a number out of range
    }
    throw SpendQueryException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '" + value
        + "'");
  }

  /** Query parameters, each at most once, none unknown: a typo is refused, not ignored. */
  private static Map<String, String> params(String rawQuery, Set<String> known) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (!known.contains(name)) {
        throw SpendQueryException.badRequest(name, "unknown here; known: " + String.join(", ",
            known.stream().sorted().toList()));
      }
      if (params.put(name, value) != null) {
        throw SpendQueryException.badRequest(name, "given twice");
      }
    }
    return params;
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

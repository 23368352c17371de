package dev.klaxon.gateway.internal;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes requests: {@code POST /v1/events} to an {@link IngestExchange}, the operational GETs
 * answered here. A blocking handler as far as Jetty knows, so it and the body-reading callbacks run
 * on pool threads, never on the selector: parsing a batch is real work.
 */
final class GatewayHandler extends Handler.Abstract {

  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final IngestContext context;
  private final PrometheusMeterRegistry registry;

  GatewayHandler(IngestContext context, PrometheusMeterRegistry registry) {
    this.context = context;
    this.registry = registry;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long startNanos = System.nanoTime();
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    switch (path) {
      case IngestContext.EVENTS_PATH -> {
        if (!HttpMethod.POST.is(method)) {
          methodNotAllowed(path, "POST", response, callback, startNanos);
        } else {
          new IngestExchange(context, request, response, callback, startNanos).start();
        }
      }
      case "/health/live" -> get(path, method, response, callback, startNanos, true);
      case "/health/ready" -> get(path, method, response, callback, startNanos, context.readiness().isReady());
      case "/metrics" -> {
        if (!HttpMethod.GET.is(method)) {
          methodNotAllowed(path, "GET", response, callback, startNanos);
        } else {
          respond(path, 200, PROMETHEUS_TEXT, registry.scrape(), response, callback, startNanos);
        }
      }
      default -> respond("other", 404, Responses.JSON, Responses.error("no such endpoint: " + path), response,
          callback, startNanos);
    }
    return true;
  }

  private void get(String path, String method, Response response, Callback callback, long startNanos, boolean up) {
    if (!HttpMethod.GET.is(method)) {
      methodNotAllowed(path, "GET", response, callback, startNanos);
    } else {
      respond(path, up ? 200 : 503, Responses.JSON, Responses.status(up), response, callback, startNanos);
    }
  }

  private void methodNotAllowed(String path, String allowed, Response response, Callback callback, long startNanos) {
    response.getHeaders().put(HttpHeader.ALLOW, allowed);
    respond(path, 405, Responses.JSON, Responses.error(path + " accepts " + allowed + " only"), response, callback,
        startNanos);
  }

  private void respond(String endpoint, int status, String contentType, String body, Response response,
      Callback callback, long startNanos) {
    context.metrics().request(endpoint, status, startNanos);
    Responses.send(response, callback, status, contentType, body);
  }
}

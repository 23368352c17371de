package dev.klaxon.gateway.internal;

import dev.klaxon.gateway.internal.ApiKeyAuthenticator.Authenticated;
import dev.klaxon.gateway.internal.ApiKeyAuthenticator.Missing;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.RequestEvent;
import dev.klaxon.schemas.json.FieldError;
import dev.klaxon.schemas.json.ParseResult;
import dev.klaxon.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import dev.klaxon.runtime.logging.LogContext;

/**
 * One {@code POST /v1/events}, from headers to answer. Cheap checks come first (key, content type,
 * declared size, Kafka reachable, rate), then the body is read asynchronously, decompressed,
 * validated as a whole, authorised per service, and published; the answer is written from the
 * producer's acknowledgement, so no thread waits for Kafka.
 */
final class IngestExchange implements BodyReader.Listener, EventPublisher.Listener {

  private static final Logger log = LoggerFactory.getLogger(IngestExchange.class);
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final java.util.regex.Pattern SAFE_REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final IngestContext context;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final long startNanos;
  /** Echoed in {@code X-Request-Id} and named in this exchange's log lines, so a client's report finds them. */
  private final String requestId;
  private Caller caller;
  private boolean gzip;
  private boolean bodyRead;
  private List<SpecificRecord> events = List.of();

  IngestExchange(IngestContext context, Request request, Response response, Callback callback, long startNanos) {
    this.context = context;
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.startNanos = startNanos;
    this.requestId = requestId(request.getHeaders().get(REQUEST_ID_HEADER));
    response.getHeaders().put(REQUEST_ID_HEADER, requestId);
  }

  void start() {
    ApiKeyAuthenticator.Result auth = context.authenticator().authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
    if (!(auth instanceof Authenticated authenticated)) {
      boolean missing = auth instanceof Missing;
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE,
          missing ? "Bearer realm=\"klaxon\"" : "Bearer realm=\"klaxon\", error=\"invalid_token\"");
      reject(Rejection.UNAUTHORIZED, missing ? "missing API key: send Authorization: Bearer <key>" : "unknown API key");
      return;
    }
    caller = authenticated.caller();
    String typeProblem = RequestBodyFormat.contentTypeProblem(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    if (typeProblem != null) {
      reject(Rejection.UNSUPPORTED_MEDIA_TYPE, typeProblem);
      return;
    }
    try {
      gzip = RequestBodyFormat.isGzip(request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
    } catch (RequestBodyFormat.UnsupportedEncoding e) {
      reject(Rejection.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
      return;
    }
    int maxBody = context.config().http().maxBodyBytes();
    long declared = request.getLength();
    if (declared > maxBody) {
      reject(Rejection.TOO_LARGE, tooLarge(maxBody));
      return;
    }
    if (!context.readiness().isReady()) {
      unavailable("Kafka is unavailable");
      return;
    }
    if (caller.bucket() != null) {
      long waitNanos = caller.bucket().waitForAny();
      if (waitNanos > 0) {
        rateLimited(waitNanos);
        return;
      }
    }
    BodyReader.read(request, declared, maxBody, this);
  }

  @Override
  public void onTooLarge(int limit) {
    reject(Rejection.TOO_LARGE, tooLarge(limit));
  }

  @Override
  public void onReadFailure(Throwable failure) {
    // The client went away or broke the stream; Jetty reports it, there is no one to answer.
    context.metrics().request(IngestContext.EVENTS_PATH, 400, startNanos);
    callback.failed(failure);
  }

  @Override
  public void onBody(byte[] body) {
    bodyRead = true;
    try {
      byte[] json = gzip ? Gunzip.decompress(body, context.config().http().maxDecompressedBytes()) : body;
      ParseResult parsed = context.parser().parseBatch(json);
      if (!parsed.isValid()) {
        invalid(parsed.errors());
        return;
      }
      events = parsed.events();
      String forbidden = forbiddenServices();
      if (forbidden != null) {
        reject(Rejection.FORBIDDEN, "API key '" + caller.name() + "' may not send events for service " + forbidden);
        return;
      }
      if (caller.bucket() != null) {
        long waitNanos = caller.bucket().tryTake(events.size());
        if (waitNanos > 0) {
          rateLimited(waitNanos);
          return;
        }
      }
      context.publisher().publish(events, this);
    } catch (Gunzip.TooLarge e) {
      reject(Rejection.TOO_LARGE, e.getMessage());
    } catch (Gunzip.NotGzip e) {
      reject(Rejection.INVALID, e.getMessage());
    } catch (RuntimeException e) {
      try (MDC.MDCCloseable id = MDC.putCloseable(LogContext.REQUEST_ID, requestId)) {
        log.error("failed to handle a batch of events from key '{}'", caller.name(), e);
      }
      reject(Rejection.FAILED, "internal error");
    }
  }

  @Override
  public void acknowledged() {
    context.metrics().accepted(events);
    respond(202, Responses.accepted(events.size()));
  }

  @Override
  public void failed(Exception cause) {
    if (caller.bucket() != null) {
      caller.bucket().refund(events.size());
    }
    if (isTransient(cause)) {
      log.debug("batch not written, Kafka unavailable", cause);
      unavailable("Kafka is unavailable: " + cause.getClass().getSimpleName());
    } else {
      try (MDC.MDCCloseable id = MDC.putCloseable(LogContext.REQUEST_ID, requestId)) {
        log.error("Kafka refused a batch of {} events from key '{}'", events.size(), caller.name(), cause);
      }
      reject(Rejection.FAILED, "Kafka refused the batch: " + cause.getClass().getSimpleName());
    }
  }

  /** Worth retrying: timeouts (including a full buffer), retriable Kafka errors, a closing producer, a registry outage. */
  private static boolean isTransient(Throwable cause) {
    return cause instanceof TimeoutException || cause instanceof RetriableException
        || cause instanceof IllegalStateException
        || cause instanceof SchemaRegistryException registry && registry.isRetriable();
  }

  private String forbiddenServices() {
    if (caller.services().isEmpty()) {
      return null;
    }
    TreeSet<String> forbidden = null;
    for (SpecificRecord event : events) {
      String service = serviceOf(event);
      if (!caller.allows(service)) {
        if (forbidden == null) {
          forbidden = new TreeSet<>();
        }
        forbidden.add(service);
      }
    }
    return forbidden == null ? null : String.join(", ", forbidden);
  }

  private static String serviceOf(SpecificRecord event) {
    if (event instanceof RequestEvent request) {
      return request.getService();
    }
    if (event instanceof LogEvent log) {
      return log.getService();
    }
    return ((CostEvent) event).getService();
  }

  private void invalid(List<FieldError> errors) {
    context.metrics().rejected(Rejection.INVALID, (int) errors.stream().mapToInt(FieldError::index).distinct().count());
    respond(Rejection.INVALID.status(), Responses.fieldErrors(errors));
  }

  private void rateLimited(long waitNanos) {
    response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(
        waitNanos + TimeUnit.SECONDS.toNanos(1) - 1))));
    reject(Rejection.RATE_LIMITED, "rate limit of key '" + caller.name() + "' exceeded");
  }

  private void unavailable(String message) {
    response.getHeaders().put(HttpHeader.RETRY_AFTER,
        Long.toString(Math.max(1, context.config().http().retryAfter().toSeconds())));
    reject(Rejection.UNAVAILABLE, message);
  }

  private static String tooLarge(int limit) {
    return "the body is larger than " + limit + " bytes: send smaller batches";
  }

  /** The client's id when it is a plain token (it goes into logs as is), else a fresh one. */
  private static String requestId(String given) {
    return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : java.util.UUID.randomUUID().toString();
  }

  private void reject(Rejection rejection, String message) {
    context.metrics().rejected(rejection, events.size());
    if (bodyRead || request.getLength() == 0) {
      respond(rejection.status(), Responses.error(message));
      return;
    }
    // Refused before (or while) reading the body: the connection cannot be reused, so say so; once
    // the answer is out, drop the rest of the body so a client still writing it can read the answer.
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    int maxBody = context.config().http().maxBodyBytes();
    respond(rejection.status(), Responses.error(message),
        Callback.from(() -> BodyDiscarder.discardRest(request, maxBody, callback), callback::failed));
  }

  private void respond(int status, String body) {
    respond(status, body, callback);
  }

  private void respond(int status, String body, Callback written) {
    context.metrics().request(IngestContext.EVENTS_PATH, status, startNanos);
    Responses.send(response, written, status, Responses.JSON, body);
  }
}

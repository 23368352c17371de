package dev.klaxon.sink.notify.internal;

import dev.klaxon.sink.Secret;
import dev.klaxon.sink.notify.NotifyException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * POSTs one JSON body and classifies the answer: 2xx is success; network errors, timeouts, 5xx, 408
 * and 429 are retryable (with the provider's Retry-After); any other status is permanent. Every
 * message is built without the URL and masked with {@link Redactor}, so nothing here can leak it.
 */
public final class JsonPoster {

  private static final int BODY_SNIPPET = 200;

  private final HttpClient client;
  private final String integration;
  private final Duration requestTimeout;
  private final Clock clock;

  /**
   * @param requestTimeout a backstop against a server that never answers; the delivery stage
   *     enforces the (shorter) per-attempt timeout
   */
  public JsonPoster(HttpClient client, String integration, Duration requestTimeout, Clock clock) {
    this.client = client;
    this.integration = integration;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /**
   * @param alsoMask secrets sent in the body (PagerDuty's routing key) that an error answer might echo
   * @return the response body of a 2xx answer
   */
  public String post(Secret url, String json, Optional<Secret> bearerToken, Secret... alsoMask) throws NotifyException {
    Secret[] secrets = java.util.Arrays.copyOf(alsoMask, alsoMask.length + 2);
    secrets[alsoMask.length] = url;
    secrets[alsoMask.length + 1] = bearerToken.orElse(null);
    Redactor redactor = Redactor.of(secrets);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.reveal()))
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Klaxon")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    bearerToken.ifPresent(token -> request.header("Authorization", "Bearer " + token.reveal()));
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      throw NotifyException.retryable(integration + ": no answer within " + requestTimeout.toMillis() + " ms", null, redactor.redact(e));
    } catch (IOException e) {
      throw NotifyException.retryable(integration + ": request failed: " + describe(e, redactor), null, redactor.redact(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the delivery stage interrupts an attempt that ran out of time
      throw NotifyException.retryable(integration + ": request interrupted", null, null);
    }
    return classify(response, redactor);
  }

  private String classify(HttpResponse<String> response, Redactor redactor) throws NotifyException {
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      return body;
    }
    String message = integration + ": HTTP " + status + snippet(body, redactor);
    if (status == 429 || status == 408 || status >= 500) {
      Optional<Duration> retryAfter = RetryAfter.fromBody(body)
          .or(() -> RetryAfter.fromHeader(response.headers().firstValue("Retry-After").orElse(null), clock));
      return throwRetryable(message, retryAfter.orElse(null));
    }
    throw NotifyException.permanent(message, null);
  }

  private static String throwRetryable(String message, Duration retryAfter) throws NotifyException {
    throw NotifyException.retryable(message, retryAfter, null);
  }

  private static String snippet(String body, Redactor redactor) {
    String text = body.strip().replaceAll("\\s+", " ");
    return text.isEmpty() ? "" : ": " + Text.truncate(redactor.redact(text), BODY_SNIPPET);
  }

  /** e.g. "ConnectException / ClosedChannelException": HttpClient wraps the telling exception in others. */
  private static String describe(Throwable e, Redactor redactor) {
    java.util.List<String> names = new java.util.ArrayList<>();
    String message = null;
    for (Throwable t = e; t != null && names.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
      names.add(t.getClass().getSimpleName());
      if (message == null && t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return String.join(" / ", names) + (message == null ? "" : ": " + redactor.redact(message));
  }
}

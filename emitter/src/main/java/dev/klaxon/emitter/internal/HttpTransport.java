package dev.klaxon.emitter.internal;

import dev.klaxon.emitter.DropReason;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Posts batches to the ingest gateway (design §9) and retries them until they are delivered,
 * refused for good, or out of time. Runs on the sender thread only, so batches go out one at a
 * time and in order.
 *
 * <ul>
 *   <li>{@code 2xx} ({@code 202 {"accepted":n}}): delivered
 *   <li>{@code 408}, {@code 429}, {@code 5xx}, network errors: retried after {@code Retry-After}
 *       when the gateway sends one, else after an exponential backoff with jitter
 *   <li>any other {@code 4xx}: permanent; the batch is dropped as {@link DropReason#REJECTED}, a
 *       {@code 400}'s error list is logged
 * </ul>
 */
public final class HttpTransport implements Transport {

  private static final System.Logger log = System.getLogger("dev.klaxon.emitter");

  private final HttpSettings settings;
  private final RetryDelays delays;
  private final HttpClient client;

  public HttpTransport(HttpSettings settings, Clock clock) {
    this.settings = settings;
    this.delays = new RetryDelays(settings.initialBackoff(), settings.maxBackoff(), clock);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance on every plain-HTTP connection
        .connectTimeout(settings.requestTimeout())
        .build();
  }

  @Override
  public void send(List<Pending> batch, Outcomes outcomes) throws InterruptedException {
    try {
      sendUntilSettled(batch, outcomes);
    } catch (InterruptedException e) {
      outcomes.dropped(batch, DropReason.CLOSED);
      throw e;
    }
  }

  private void sendUntilSettled(List<Pending> batch, Outcomes outcomes) throws InterruptedException {
    HttpRequest request = request(BatchBody.gzip(batch, settings.format()));
    long deadline = System.nanoTime() + settings.deliveryTimeout().toNanos();
    for (int failures = 1; ; failures++) {
      Optional<Duration> retryAfter;
      String failure;
      try {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          outcomes.delivered(batch);
          return;
        }
        if (!isRetriable(status)) {
          logRejection(batch.size(), response);
          outcomes.dropped(batch, DropReason.REJECTED);
          return;
        }
        retryAfter = delays.retryAfter(response.headers());
        failure = "gateway answered " + status;
      } catch (IOException e) {
        retryAfter = Optional.empty();
        failure = "cannot reach the gateway at " + settings.endpoint() + ": " + e;
      }
      Duration delay = retryAfter.isPresent() ? retryAfter.get() : delays.backoff(failures);
      if (System.nanoTime() + delay.toNanos() - deadline > 0) {
        log.log(Level.WARNING, "dropped a batch of {0} events: still not delivered after {1} ({2})",
            String.valueOf(batch.size()), settings.deliveryTimeout(), failure);
        outcomes.dropped(batch, DropReason.TIMED_OUT);
        return;
      }
      log.log(failures == 1 ? Level.WARNING : Level.DEBUG,
          "{0}; retrying a batch of {1} events in {2} ms (attempt {3})",
          failure, String.valueOf(batch.size()), String.valueOf(delay.toMillis()),
          String.valueOf(failures + 1));
      Thread.sleep(delay.toMillis()); // a backoff, not a synchronisation: nothing to wait for but time
      outcomes.retried();
    }
  }

  private HttpRequest request(byte[] gzippedBody) {
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint())
        .timeout(settings.requestTimeout())
        .header("Content-Type", settings.format().contentType())
        .header("Content-Encoding", "gzip")
        .header("User-Agent", "klaxon-emitter")
        .POST(HttpRequest.BodyPublishers.ofByteArray(gzippedBody));
    settings.apiKey().ifPresent(key -> request.header("Authorization", key.bearerHeader()));
    return request.build();
  }

  static boolean isRetriable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private void logRejection(int events, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    String why = switch (status) {
      case 400 -> "the gateway found invalid events (400):\n  "
          + String.join("\n  ", GatewayErrors.describe(response.body()));
      case 401 -> "the gateway did not accept the API key (401); check the key the emitter was built with";
      case 403 -> "the API key may not send for this service (403)";
      case 413 -> "the body was too large for the gateway (413); lower the emitter's batchSize";
      case 415 -> "the gateway did not accept the content type (415)";
      default -> "the gateway answered " + status + ": "
          + String.join(" ", GatewayErrors.describe(response.body()));
    };
    log.log(Level.WARNING, "dropped a batch of {0} events: {1}", String.valueOf(events), why);
  }

  @Override
  public void close(Duration timeout) {
    // The JDK client of Java 17 has nothing to close; its threads end when it is unreachable.
  }
}

package dev.klaxon.cost.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the cost role for its part of an answer, over the same spend API, marked
 * {@link #LOCAL_HEADER} so that it answers from its own store and never forwards again.
 */
final class InstanceClient {

  /** Set on forwarded requests: answer from this instance's store only. */
  static final String LOCAL_HEADER = "X-Klaxon-Spend-Local";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

  /**
   * GET {@code pathAndQuery} (already encoded) on {@code instance}; completes with the answer, or
   * with a {@link SpendQueryException}: 503 when the instance is unreachable or itself unavailable.
   */
  <T> CompletableFuture<T> get(HostInfo instance, String pathAndQuery, Class<T> type) {
    String where = instance.host() + ":" + instance.port();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + where + pathAndQuery))
        .timeout(REQUEST_TIMEOUT).header(LOCAL_HEADER, "true").GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .handle((response, failure) -> {
          if (failure != null) {
            throw SpendQueryException.unavailable("instance " + where + " did not answer: " + describe(failure));
          }
          if (response.statusCode() != 200) {
            int status = response.statusCode() == 503 ? 503 : 502;
            throw new SpendQueryException(status, "instance " + where + " answered " + response.statusCode() + ": "
                + response.body());
          }
          try {
            return SpendJson.read(response.body(), type);
          } catch (JsonProcessingException e) {
            throw new SpendQueryException(502, "instance " + where + " answered what is not a " + type.getSimpleName());
          }
        });
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof IOException && cause.getMessage() == null ? cause.getClass().getSimpleName()
        : String.valueOf(cause.getMessage());
  }
}

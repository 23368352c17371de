package dev.klaxon.rules.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One service's minute, waiting for both halves of its cost per request: the service's spend (all
 * providers) and its whole-service request counts (route {@code *}, one per environment). Value of the
 * {@code cost-per-request-pairs} store.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RequestPair {

  /** The minute's spend in USD (exact decimal text), null until its spend window arrives. */
  String costUsd;
  /** Requests per environment ("" for none). */
  Map<String, Long> requests = new LinkedHashMap<>();
  /** Wall clock of the first half's arrival: a pair waits a bounded time for the other. */
  long firstSeenAt;

  long requestCount() {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Spend per request, once both halves are here (and there were requests). */
  OptionalDouble perRequest() {
    long count = requestCount();
    if (costUsd == null || count == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(new BigDecimal(costUsd).doubleValue() / count);
  }
}

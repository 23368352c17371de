package dev.klaxon.loadtest.load;

import java.util.List;

/** What an injected incident does, and the profile fields each kind takes (besides name, kind, at, duration). */
public enum IncidentKind {
  /** One route's latency becomes {@code medianMs}/{@code p95Ms}. */
  latencySpike(List.of("service", "route", "medianMs", "p95Ms")),
  /** {@code serverErrorShare} of the service's requests fail with 500. */
  errorBurst(List.of("service", "serverErrorShare")),
  /** {@code user} makes {@code share} of the billed calls, each {@code tokenFactor} times the usual size. */
  costRunaway(List.of("user", "share", "tokenFactor")),
  /** The service sends nothing. */
  silence(List.of("service")),
  /** One route's latency grows steadily until its p95 is {@code p95Ms}; meant to stay under the thresholds. */
  drift(List.of("service", "route", "p95Ms"));

  private final List<String> required;

  IncidentKind(List<String> required) {
    this.required = required;
  }

  List<String> required() {
    return required;
  }
}

package dev.klaxon.sink.silence;

import dev.klaxon.sink.config.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Mutes notifications of alerts whose labels match every matcher, from {@code startsAt} until
 * {@code endsAt}. Expiring a silence sets {@code endsAt} to now; it is kept, so {@code GET} still
 * shows who silenced what.
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
    String comment, Instant updatedAt) {

  public enum State { PENDING, ACTIVE, EXPIRED }

  public Silence {
    matchers = List.copyOf(matchers);
  }

  public State state(Instant now) {
    if (now.isBefore(startsAt)) {
      return State.PENDING;
    }
    return now.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
  }

  public boolean mutes(Map<String, String> labels, Instant now) {
    return state(now) == State.ACTIVE && matchers.stream().allMatch(m -> m.matches(labels));
  }

  /** Ends now (or, not started yet, never starts). */
  public Silence expire(Instant now) {
    Instant end = now.isBefore(startsAt) ? startsAt : now;
    return new Silence(id, matchers, startsAt, end, createdBy, comment, now);
  }
}

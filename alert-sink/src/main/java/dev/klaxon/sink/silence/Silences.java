package dev.klaxon.sink.silence;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every instance's copy of all silences (the compacted topic, read in full). Thread-safe. */
public final class Silences {

  private final Map<String, Silence> byId = new ConcurrentHashMap<>();

  public void put(Silence silence) {
    byId.merge(silence.id(), silence,
        (old, fresh) -> fresh.updatedAt().isBefore(old.updatedAt()) ? old : fresh);
  }

  public void remove(String id) {
    byId.remove(id);
  }

  public Optional<Silence> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** All silences, newest first. */
  public List<Silence> list() {
    return byId.values().stream().sorted(Comparator.comparing(Silence::updatedAt).reversed()).toList();
  }

  /** An active silence muting an alert with these labels, if any (the longest-lasting, for a stable answer). */
  public Optional<Silence> mutedBy(Map<String, String> labels, Instant now) {
    Collection<Silence> all = byId.values();
    return all.stream().filter(s -> s.mutes(labels, now)).max(Comparator.comparing(Silence::endsAt)
        .thenComparing(Silence::id));
  }
}

package dev.klaxon.sink.nflog;

import dev.klaxon.schemas.NotificationLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a flush must be sent, given what was last sent (Alertmanager's DedupStage): new firing
 * alerts, newly resolved ones, the group's last alert resolving, or an unchanged firing group whose
 * {@code repeat_interval} has passed.
 */
public final class Dedup {

  private Dedup() {}

  public static boolean needsUpdate(Optional<NotificationLogEntry> last, Set<String> firing, Set<String> resolved,
      Duration repeatInterval, Instant now) {
    if (last.isEmpty()) {
      return !firing.isEmpty(); // nothing sent yet: a group that only resolved was never news
    }
    NotificationLogEntry entry = last.get();
    if (!Set.copyOf(entry.getFiringFingerprints()).containsAll(firing)) {
      return true;
    }
    if (firing.isEmpty()) {
      return !entry.getFiringFingerprints().isEmpty(); // all resolved: one resolved notice
    }
    if (!Set.copyOf(entry.getResolvedFingerprints()).containsAll(resolved)) {
      return true;
    }
    return !Instant.ofEpochMilli(entry.getSentAt()).plus(repeatInterval).isAfter(now);
  }
}

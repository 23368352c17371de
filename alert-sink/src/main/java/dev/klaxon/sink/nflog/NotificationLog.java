package dev.klaxon.sink.nflog;

import dev.klaxon.schemas.NotificationLogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What was last sent for each (group, integration): the memory that keeps a restarted or
 * rebalanced sink from paging again (design §8). Entries come from the compacted
 * {@code klaxon.notifications} topic ({@link #apply}) and from this instance's own sends
 * ({@link #record}, which writes through to the topic before returning). Thread-safe.
 */
public final class NotificationLog {

  private final Map<String, NotificationLogEntry> entries = new ConcurrentHashMap<>();
  private final Consumer<NotificationLogEntry> writer;

  /** @param writer durably stores an entry (the topic producer, synchronously); throws if it cannot */
  public NotificationLog(Consumer<NotificationLogEntry> writer) {
    this.writer = writer;
  }

  public static NotificationLog inMemory() {
    return new NotificationLog(entry -> {});
  }

  /** The topic key of an entry: the group key and the receiver's integration, e.g. {@code ...|slack[0]}. */
  public static String key(String groupKey, String integration) {
    return groupKey + "|" + integration;
  }

  public Optional<NotificationLogEntry> get(String groupKey, String integration) {
    return Optional.ofNullable(entries.get(key(groupKey, integration)));
  }

  /** An entry read from the topic. */
  public void apply(NotificationLogEntry entry) {
    entries.merge(key(entry.getGroupKey(), entry.getIntegration()), entry,
        (old, fresh) -> fresh.getSentAt() < old.getSentAt() ? old : fresh);
  }

  public void remove(String topicKey) {
    entries.remove(topicKey);
  }

  /** The latest notification of a group through any integration, for resuming its timer after a restart. */
  public Optional<Instant> lastNotified(String groupKey) {
    String prefix = groupKey + "|";
    return entries.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
        .map(e -> Instant.ofEpochMilli(e.getValue().getSentAt())).max(Instant::compareTo);
  }

  /** Stores that {@code firing} and {@code resolved} were delivered now; written to the topic first. */
  public NotificationLogEntry record(String groupKey, String receiver, String integration,
      SortedSet<String> firing, SortedSet<String> resolved, Instant now) {
    NotificationLogEntry entry = NotificationLogEntry.newBuilder()
        .setGroupKey(groupKey).setReceiver(receiver).setIntegration(integration)
        .setFiringFingerprints(List.copyOf(firing)).setResolvedFingerprints(List.copyOf(resolved))
        .setHash(hash(firing, resolved)).setSentAt(now.toEpochMilli()).build();
    writer.accept(entry);
    apply(entry);
    return entry;
  }

  public int size() {
    return entries.size();
  }

  static String hash(SortedSet<String> firing, SortedSet<String> resolved) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("firing:" + String.join(",", firing) + ";resolved:" + String.join(",", resolved))
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

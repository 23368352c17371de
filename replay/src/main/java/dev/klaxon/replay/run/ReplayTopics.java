package dev.klaxon.replay.run;

import dev.klaxon.replay.ReplayException;
import dev.klaxon.schemas.Topics;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names a replay owns: every topic, internal topic and application id starts with
 * {@code klaxon-replay-<runId>}. That one prefix is the isolation guarantee: anything the replay
 * writes to is checked against it ({@link #requireOwned}), and clean-up deletes exactly what carries it.
 */
public record ReplayTopics(String runId, Topics live) {

  public static final String NAME_PREFIX = "klaxon-replay-";
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public ReplayTopics {
    if (live.prefix().startsWith(NAME_PREFIX)) {
      throw new ReplayException("the live topic prefix " + live.prefix() + " looks like a replay's; refusing to replay a replay");
    }
  }

  /** A new run id: time of start and a random suffix, so two replays started together never share topics. */
  public static ReplayTopics newRun(Topics live, Instant now) {
    return new ReplayTopics(RUN_ID.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)),
        live);
  }

  /** Common prefix of every name the run owns. */
  public String owned() {
    return NAME_PREFIX + runId;
  }

  /** Klaxon's topics, the replay's copies: {@code klaxon-replay-<runId>.requests}, ... */
  public Topics replay() {
    return new Topics(owned() + ".");
  }

  public String metricsApplicationId() {
    return owned() + "-metrics";
  }

  public String rulesApplicationId() {
    return owned() + "-rules";
  }

  /** The replay copy of a live input topic. */
  public String copyOf(String liveTopic) {
    if (!liveTopic.startsWith(live.prefix())) {
      throw new IllegalArgumentException(liveTopic + " is not a live topic of prefix " + live.prefix());
    }
    return requireOwned(replay().prefix() + liveTopic.substring(live.prefix().length()));
  }

  /** Guards every write: a topic the replay did not create is never a target. */
  public String requireOwned(String topic) {
    if (!topic.startsWith(owned())) {
      throw new IllegalStateException("replay refuses to write to " + topic + ": not one of its own topics (" + owned() + "*)");
    }
    return topic;
  }

  /** Partition count of each replay topic: as its live twin where that exists, else as the live requests topic. */
  public Map<String, Integer> partitions(Map<String, Integer> livePartitions) {
    int fallback = livePartitions.getOrDefault(live.requests(), 1);
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    List<String> liveNames = live.all();
    List<String> replayNames = replay().all();
    for (int i = 0; i < liveNames.size(); i++) {
      out.put(replayNames.get(i), livePartitions.getOrDefault(liveNames.get(i), fallback));
    }
    return out;
  }

  /** Topic names of the run among {@code names}: what clean-up deletes. */
  public List<String> ownedAmong(Iterable<String> names) {
    List<String> out = new ArrayList<>();
    names.forEach(name -> {
      if (name.startsWith(owned())) {
        out.add(name);
      }
    });
    return out;
  }
}

package dev.klaxon.sink.internal;

import dev.klaxon.schemas.Topics;

/**
 * Klaxon's topics plus the sink's own: the group-state topic, compacted, keyed by
 * {@code groupKey|fingerprint} and partitioned by group key, which holds every group's current
 * alerts so the owner of a partition can rebuild its groups after a crash or a rebalance.
 */
public record SinkTopics(Topics topics) {

  public String alerts() { return topics.alerts(); }

  public String notifications() { return topics.notifications(); }

  public String silences() { return topics.silences(); }

  public String deadLetter() { return topics.deadLetter(); }

  public String groupState() { return topics.prefix() + "sink.group-state"; }
}

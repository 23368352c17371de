package dev.klaxon.replay.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.replay.ReplayException;
import dev.klaxon.schemas.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayTopicsTest {

  private final ReplayTopics topics = new ReplayTopics("20261130-150000-abcd", Topics.defaults());

  @Test
  void everyNameOfARunSharesItsPrefix() {
    assertThat(topics.owned()).isEqualTo("klaxon-replay-20261130-150000-abcd");
    assertThat(topics.copyOf("klaxon.requests")).isEqualTo("klaxon-replay-20261130-150000-abcd.requests");
    assertThat(topics.replay().alerts()).isEqualTo("klaxon-replay-20261130-150000-abcd.alerts");
    assertThat(topics.metricsApplicationId()).startsWith(topics.owned());
    assertThat(topics.rulesApplicationId()).startsWith(topics.owned());
  }

  @Test
  void aLiveTopicIsNeverAWriteTarget() {
    for (String live : Topics.defaults().all()) {
      assertThatThrownBy(() -> topics.requireOwned(live)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("replay refuses to write to " + live);
    }
    assertThatThrownBy(() -> topics.requireOwned("klaxon-replay-20261130-150000-ffff.requests"))
        .as("another run's topic").isInstanceOf(IllegalStateException.class);
  }

  @Test
  void replayTopicsTakeTheirLiveTwinsPartitions() {
    Map<String, Integer> partitions = topics.partitions(Map.of("klaxon.requests", 6, "klaxon.logs", 3));
    assertThat(partitions).containsEntry(topics.replay().requests(), 6).containsEntry(topics.replay().logs(), 3)
        .containsEntry(topics.replay().costs(), 6).hasSize(Topics.defaults().all().size());
  }

  @Test
  void cleanUpFindsOnlyTheRunsOwnTopics() {
    assertThat(topics.ownedAmong(List.of("klaxon.requests", topics.replay().requests(),
        topics.rulesApplicationId() + "-metrics-by-service-repartition", "klaxon-replay-other.requests")))
        .containsExactly(topics.replay().requests(), topics.rulesApplicationId() + "-metrics-by-service-repartition");
  }

  @Test
  void twoRunsStartedTogetherDoNotShareTopics() {
    Instant now = Instant.parse("2026-11-30T15:00:00Z");
    assertThat(ReplayTopics.newRun(Topics.defaults(), now).owned()).startsWith("klaxon-replay-20261130-150000-");
  }

  @Test
  void aReplayPrefixIsRefusedAsLive() {
    assertThatThrownBy(() -> new ReplayTopics("x", new Topics("klaxon-replay-1.")))
        .isInstanceOf(ReplayException.class);
  }
}

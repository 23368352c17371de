package dev.klaxon.cost;

import static dev.klaxon.cost.SpendFixture.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpendKeyTest {

  @Test
  void userAndServiceKeysRoundTrip() {
    SpendKey user = SpendKey.ofUser("alice", "openai", Granularity.MONTH, at("2027-02-01T00:00:00Z"));
    SpendKey service = SpendKey.ofService("llm-gateway", SpendKey.ALL, Granularity.MINUTE, at("2027-02-10T10:05:00Z"));

    assertThat(user.format()).isEqualTo("alice|openai|2027-02-01T00:00:00Z/month");
    assertThat(service.format()).isEqualTo("*|*|2027-02-10T10:05:00Z/minute|service=llm-gateway");
    assertThat(SpendKey.parse(user.format())).isEqualTo(user);
    assertThat(SpendKey.parse(service.format())).isEqualTo(service);
    assertThat(service.owner()).isEqualTo("llm-gateway");
    assertThat(user.owner()).isEqualTo("alice");
    assertThat(user.windowEnd()).isEqualTo(at("2027-03-01T00:00:00Z"));
  }

  @Test
  void theOwnerReadWithoutParsingIsTheParsedOnesAndKeysFormatFromTheirWindowText() {
    for (SpendKey key : new SpendKey[] {
        SpendKey.ofUser("alice", "openai", Granularity.DAY, at("2027-02-10T00:00:00Z")),
        SpendKey.ofUser("a", SpendKey.ALL, Granularity.MINUTE, at("2027-02-10T10:05:00Z")),
        SpendKey.ofService("llm-gateway", "gemini", Granularity.HOUR, at("2027-02-10T10:00:00Z")),
        SpendKey.ofService("*x", SpendKey.ALL, Granularity.MONTH, at("2027-02-01T00:00:00Z"))}) {
      String text = key.format();

      assertThat(SpendKey.ownerOf(text)).isEqualTo(SpendKey.parse(text).owner()).isEqualTo(key.owner());
      assertThat(SpendKey.format(key.userId(), key.provider(), SpendKey.windowText(key.granularity(), key.windowStart()),
          key.service())).isEqualTo(text);
    }
    assertThatThrownBy(() -> SpendKey.ownerOf("alice")).hasMessageContaining("alice");
    assertThatThrownBy(() -> SpendKey.ownerOf("*|*|2027-02-01T00:00:00Z/day")).hasMessageContaining("service");
  }

  @Test
  void malformedKeysAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> SpendKey.parse("alice|openai")).hasMessageContaining("alice|openai");
    assertThatThrownBy(() -> SpendKey.parse("alice|openai|2027-02-01T00:00:00Z/week")).hasMessageContaining("week");
    assertThatThrownBy(() -> SpendKey.parse("alice|openai|2027-02-01T00:00:00Z/day|env=x"))
        .hasMessageContaining("service=");
  }
}

package dev.klaxon.cost.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.klaxon.cost.SpendConfig;
import dev.klaxon.cost.SpendTopology;
import dev.klaxon.cost.query.TopSpenders.UserTotal;
import dev.klaxon.cost.query.UserSpend.ProviderSpend;
import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.SpendWindow;
import dev.klaxon.schemas.Topics;
import dev.klaxon.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads of the open windows, on the real topology's store (TopologyTestDriver, explicit event times). */
class SpendReaderTest {

  private static final Instant NOW = Instant.parse("2027-03-15T12:30:00Z");
  private static final long DAY = SpendPeriod.DAY.startAt(NOW);
  private static final long MONTH = SpendPeriod.MONTH.startAt(NOW);
  private final AvroSerde<CostEvent> events = AvroSerde.embedded(CostEvent.class);

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> costs;
  private ReadOnlyKeyValueStore<String, SpendWindow> store;

  @BeforeEach
  void start() throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spend-reader-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("spend-reader-test").toString());
    Topics topics = Topics.defaults();
    driver = new TopologyTestDriver(SpendTopology.build(SpendConfig.defaults(topics)), props);
    costs = driver.createInputTopic(topics.costs(), new StringSerializer(), new ByteArraySerializer());
    // Read as interactive queries do: the store as of the last commit (the driver commits after every record).
    store = (ReadOnlyKeyValueStore<String, SpendWindow>) driver.getAllStateStores().get(SpendTopology.WINDOW_STORE);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aUsersDayIsItsOpenDayWindowPerProviderAndInTotalExactly() {
    cost("alice", "openai", "0.000000001", "2027-03-14T23:59:59Z"); // yesterday: only in the month
    cost("alice", "openai", "1.100000001", "2027-03-15T08:00:00Z");
    cost("alice", "anthropic", "2.5", "2027-03-15T09:00:00Z");
    cost("alicex", "openai", "100", "2027-03-15T09:00:00Z"); // shares alice's key prefix, not her spend
    cost("alice", "openai", "0.3", "2027-03-15T12:29:00Z");

    UserSpend day = SpendReader.user(store, "alice", SpendPeriod.DAY, DAY);
    assertThat(day.costUsd()).isEqualByComparingTo("3.900000001");
    assertThat(day.costUsd().toPlainString()).isEqualTo("3.900000001");
    assertThat(day.events()).isEqualTo(3);
    assertThat(day.start()).isEqualTo("2027-03-15T00:00:00Z");
    assertThat(day.end()).isEqualTo("2027-03-16T00:00:00Z");
    assertThat(day.providers()).extracting(ProviderSpend::provider, p -> p.costUsd().toPlainString(),
        ProviderSpend::events).containsExactly(
            org.assertj.core.groups.Tuple.tuple("anthropic", "2.5", 1L),
            org.assertj.core.groups.Tuple.tuple("openai", "1.400000001", 2L));

    UserSpend month = SpendReader.user(store, "alice", SpendPeriod.MONTH, MONTH);
    assertThat(month.costUsd().toPlainString()).isEqualTo("3.900000002");
    assertThat(month.start()).isEqualTo("2027-03-01T00:00:00Z");
    assertThat(month.end()).isEqualTo("2027-04-01T00:00:00Z");
  }

  @Test
  void aUserWithNothingThisPeriodSpentZero() {
    cost("bob", "openai", "5", "2027-03-14T10:00:00Z");

    UserSpend day = SpendReader.user(store, "bob", SpendPeriod.DAY, DAY);
    assertThat(day.costUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(day.events()).isZero();
    assertThat(day.providers()).isEmpty();
    assertThat(SpendReader.user(store, "nobody", SpendPeriod.MONTH, MONTH).costUsd()).isZero();
  }

  @Test
  void theTopIsAcrossProvidersMostSpentFirstTiesByUserAndCutAtTheLimit() {
    cost("alice", "openai", "3", "2027-03-15T08:00:00Z");
    cost("alice", "anthropic", "3", "2027-03-15T08:00:00Z");
    cost("bob", "openai", "10", "2027-03-15T08:00:00Z");
    cost("carol", "stripe", "6", "2027-03-15T08:00:00Z");
    cost("dave", "stripe", "1", "2027-03-15T08:00:00Z");
    cost("erin", "stripe", "50", "2027-03-14T08:00:00Z"); // yesterday

    assertThat(SpendReader.top(store, SpendPeriod.DAY, DAY, 3)).extracting(UserTotal::userId,
        t -> t.costUsd().toPlainString()).containsExactly(
            org.assertj.core.groups.Tuple.tuple("bob", "10"),
            org.assertj.core.groups.Tuple.tuple("alice", "6"),
            org.assertj.core.groups.Tuple.tuple("carol", "6"));
    assertThat(SpendReader.top(store, SpendPeriod.MONTH, MONTH, 10)).extracting(UserTotal::userId)
        .containsExactly("erin", "bob", "alice", "carol", "dave");
  }

  private void cost(String user, String provider, String usd, String at) {
    long timestamp = Instant.parse(at).toEpochMilli();
    CostEvent event = CostEvent.newBuilder().setService("llm-gateway").setUserId(user).setProvider(provider)
        .setCostUsd(new BigDecimal(usd)).setTimestamp(timestamp).build();
    costs.pipeInput(user, events.encode(event), timestamp);
  }
}

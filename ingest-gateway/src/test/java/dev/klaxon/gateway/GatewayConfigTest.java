package dev.klaxon.gateway;

import dev.klaxon.runtime.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {

  private static final String KEY = "s3cr3t-key-0123456789";
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void emptyFileInDemoModeGivesTheDefaults() {
    GatewayConfig config = GatewayConfig.parse("auth: {demoMode: true}", NO_ENV);

    assertThat(config.http()).isEqualTo(GatewayConfig.Http.DEFAULTS);
    assertThat(config.kafka()).containsExactly(Map.entry("bootstrap.servers", "localhost:9092"));
    assertThat(config.topicPrefix()).isEqualTo("klaxon.");
    assertThat(config.rateLimit().enabled()).isFalse();
    assertThat(config.events()).isEqualTo(GatewayConfig.Events.DEFAULTS);
    assertThat(config.readiness()).isEqualTo(GatewayConfig.Readiness.DEFAULTS);
  }

  @Test
  void readsEverySection() {
    GatewayConfig config = GatewayConfig.parse("""
        http:
          host: 127.0.0.1
          port: 9000
          maxBodyBytes: 1000
          maxDecompressedBytes: 5000
          shutdownTimeout: 500ms
          retryAfter: 2m
        kafka:
          bootstrap.servers: broker:9092
          linger.ms: 10
          security.protocol: SASL_SSL
        topicPrefix: prod.
        auth:
          keys:
            - name: checkout
              key: %s
              services: [checkout, payments]
        rateLimit: {eventsPerSecond: 100, burst: 500}
        events: {maxBatchEvents: 50, maxFutureSkew: 10m, maxDuration: 2h, maxCostUsd: 250000}
        readiness: {interval: 1s, timeout: PT3S}
        """.formatted(KEY), NO_ENV);

    assertThat(config.http()).isEqualTo(new GatewayConfig.Http("127.0.0.1", 9000, 1000, 5000,
        Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofMinutes(2)));
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "broker:9092").containsEntry("linger.ms", "10")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.topics().requests()).isEqualTo("prod.requests");
    assertThat(config.auth().demoMode()).isFalse();
    assertThat(config.auth().keys()).containsExactly(
        new GatewayConfig.ApiKey("checkout", KEY, Set.of("checkout", "payments")));
    assertThat(config.rateLimit()).isEqualTo(new GatewayConfig.RateLimit(100, 500));
    assertThat(config.events().limits().maxBatchEvents()).isEqualTo(50);
    assertThat(config.events().limits().maxFutureSkew()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.events().limits().maxDuration()).isEqualTo(Duration.ofHours(2));
    assertThat(config.events().limits().maxCostUsd()).isEqualByComparingTo("250000");
    assertThat(config.readiness()).isEqualTo(new GatewayConfig.Readiness(Duration.ofSeconds(1), Duration.ofSeconds(3)));
  }

  @Test
  void unknownKeysAreRefusedByTheirFullName() {
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nhttp: {prot: 80}", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown config key 'http.prot'")
        .hasMessageContaining("port");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nlisten: 80", NO_ENV))
        .hasMessageContaining("unknown config key 'listen'");
    assertThatThrownBy(() -> GatewayConfig.parse(
        "auth: {keys: [{name: a, key: " + KEY + ", service: [x]}]}", NO_ENV))
        .hasMessageContaining("unknown config key 'auth.keys[0].service'");
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nhttp: {port: 70000}", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nhttp: {port: eighty}", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nhttp: {shutdownTimeout: soon}", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http.shutdownTimeout")
        .hasMessageContaining("not a duration");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nrateLimit: {eventsPerSecond: -1}", NO_ENV))
        .hasMessageContaining("rateLimit.eventsPerSecond");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nkafka: {acks: '1'}", NO_ENV))
        .hasMessageContaining("kafka.acks is fixed to all");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\ntopicPrefix: 'a b'", NO_ENV))
        .hasMessageContaining("topicPrefix");
    assertThatThrownBy(() -> GatewayConfig.parse("http: [", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
  }

  @Test
  void eventBoundsNameTheirKey() {
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nevents: {maxDuration: 0s}", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessage("events.maxDuration must be > 0, got PT0S");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nevents: {maxCostUsd: -1}", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("events.maxCostUsd must be > 0");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}\nevents: {maxCostUsd: 1e12}", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessage("events.maxCostUsd must be > 0 and at most "
            + "99999999999.999999999 (what costUsd can hold), got 1000000000000");
  }

  @Test
  void keysOrDemoModeMustBeChosen() {
    assertThatThrownBy(() -> GatewayConfig.parse("", NO_ENV))
        .isInstanceOf(ConfigException.class).hasMessageContaining("auth.keys is empty")
        .hasMessageContaining("auth.demoMode: true");
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {demoMode: true}", Map.of(GatewayConfig.KEYS_ENV, "a=" + KEY)))
        .hasMessageContaining("not both");
  }

  @Test
  void badKeysAreNamedWithoutShowingThem() {
    assertThatThrownBy(() -> GatewayConfig.parse("auth: {keys: [{name: short, key: abc}]}", NO_ENV))
        .hasMessageContaining("auth.keys[0].key (short) must be at least 16").hasMessageNotContaining("abc");
    assertThatThrownBy(() -> GatewayConfig.parse(
        "auth: {keys: [{name: a, key: " + KEY + "}, {name: b, key: " + KEY + "}]}", NO_ENV))
        .hasMessageContaining("auth.keys[1].key (b) is the same").hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> GatewayConfig.parse("", Map.of(GatewayConfig.KEYS_ENV, KEY)))
        .hasMessageContaining(GatewayConfig.KEYS_ENV + " entry 1").hasMessageNotContaining(KEY);
  }

  @Test
  void environmentAddsKeysAndKafkaProperties() {
    GatewayConfig config = GatewayConfig.parse("""
        auth:
          keys: [{name: file, key: file-key-0123456789}]
        kafka: {bootstrap.servers: from-file:9092}
        """, Map.of(
        GatewayConfig.KEYS_ENV, "ops=" + KEY + ", checkout=checkout-key-0123456789:checkout|payments",
        "KLAXON_KAFKA_BOOTSTRAP_SERVERS", "from-env:9093",
        "KLAXON_KAFKA_SASL_JAAS_CONFIG", "secret-jaas",
        "UNRELATED", "x"));

    assertThat(config.auth().keys()).extracting(GatewayConfig.ApiKey::name).containsExactly("file", "ops", "checkout");
    assertThat(config.auth().keys().get(2).services()).containsExactlyInAnyOrder("checkout", "payments");
    assertThat(config.auth().keys().get(1).services()).isEmpty();
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "from-env:9093")
        .containsEntry("sasl.jaas.config", "secret-jaas");
  }

  @Test
  void toStringHidesSecrets() {
    GatewayConfig config = GatewayConfig.parse("kafka: {ssl.key.password: pw-123}",
        Map.of(GatewayConfig.KEYS_ENV, "ops=" + KEY, "KLAXON_KAFKA_SASL_JAAS_CONFIG", "jaas-secret"));

    assertThat(config.toString()).contains("ops", "<secret>", "localhost:9092")
        .doesNotContain(KEY, "pw-123", "jaas-secret");
  }
}

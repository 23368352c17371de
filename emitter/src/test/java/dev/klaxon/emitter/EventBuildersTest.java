package dev.klaxon.emitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klaxon.schemas.CostEvent;
import dev.klaxon.schemas.LogEvent;
import dev.klaxon.schemas.LogLevel;
import dev.klaxon.schemas.RequestEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event builders and emitter settings: defaults and validation, on the caller's thread. */
class EventBuildersTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  // Nothing listens there: these tests never flush, and close gives up at once.
  private final KlaxonEmitter klaxon = KlaxonEmitter.builder().service("checkout").environment("production")
      .clock(Clock.fixed(NOW, ZoneOffset.UTC)).http(URI.create("http://127.0.0.1:9"), "k").build();

  @AfterEach
  void close() {
    klaxon.close(Duration.ZERO);
  }

  @Test
  void requestTakesTheEmitterDefaultsAndTheClockForItsTimestamp() {
    RequestEvent event =
        klaxon.request("GET /users/{id}").status(404).duration(Duration.ofNanos(1_500_000)).build();

    assertThat(event.getService()).isEqualTo("checkout");
    assertThat(event.getEnvironment()).isEqualTo("production");
    assertThat(event.getTimestamp()).isEqualTo(NOW.toEpochMilli());
    assertThat(event.getDurationMs()).isEqualTo(1.5);
    assertThat(event.getAttributes()).isEmpty();
  }

  @Test
  void explicitValuesOverrideTheDefaults() {
    RequestEvent event = klaxon.request("GET /").service("search").environment("staging").status(200)
        .durationMs(1).timestamp(Instant.parse("2025-01-01T00:00:00Z")).build();

    assertThat(event.getService()).isEqualTo("search");
    assertThat(event.getEnvironment()).isEqualTo("staging");
    assertThat(event.getTimestamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
  }

  @Test
  void missingRequiredFieldsAreAllNamed() {
    assertThatThrownBy(() -> klaxon.request(null).build())
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.fields()).containsExactly("route", "status", "durationMs"))
        .hasMessage("invalid RequestEvent: route is required; status is required; durationMs is required");
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheirValue() {
    assertThatThrownBy(() -> klaxon.request("GET /").status(42).durationMs(-1).build())
        .hasMessageContaining("status must be between 100 and 599, got 42")
        .hasMessageContaining("durationMs must be >= 0, got -1.0");
    assertThatThrownBy(() -> klaxon.request("GET /").status(200).durationMs(1)
        .timestampMillis(NOW.getEpochSecond()).build())
        .hasMessageContaining("timestamp must not be before 2000-01-01T00:00:00Z")
        .hasMessageContaining("epoch seconds");
    assertThatThrownBy(() -> klaxon.request(" ").status(200).durationMs(1).build())
        .hasMessageContaining("route must not be blank");
    assertThatThrownBy(() -> klaxon.request("GET /").status(200).durationMs(1)
        .attribute("k", "v".repeat(1025)).build())
        .hasMessageContaining("attributes.k must be at most 1024 characters");
  }

  @Test
  void absurdDurationsAndCostsAreRefusedNamingTheFieldBeforeAnythingIsSent() {
    assertThatThrownBy(() -> klaxon.request("GET /").status(200).durationMs(1e300).emit())
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.fields()).containsExactly("durationMs"))
        .hasMessage("invalid RequestEvent: durationMs must be at most 1d, got 1.0E300");
    assertThatThrownBy(() -> klaxon.request("GET /").status(200).durationMs(Double.NaN).emit())
        .hasMessage("invalid RequestEvent: durationMs must be a finite number, got NaN");
    assertThatThrownBy(() -> klaxon.cost("aws", new BigDecimal("250000")).userId("u-1").emit())
        .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.fields()).containsExactly("costUsd"))
        .hasMessage("invalid CostEvent: costUsd must be at most 10000 per event, got 250000");
    RequestEvent prebuilt = RequestEvent.newBuilder().setService("s").setRoute("r").setStatus(200)
        .setDurationMs(Double.POSITIVE_INFINITY).setTimestamp(NOW.toEpochMilli()).build();
    assertThatThrownBy(() -> klaxon.emit(prebuilt)).hasMessageContaining("durationMs must be a finite number");

    assertThat(klaxon.stats().emitted()).isZero();
  }

  @Test
  void timestampsFarAheadOfTheEmittersClockAreRefused() {
    assertThatThrownBy(() -> klaxon.request("GET /").status(200).durationMs(1)
        .timestamp(NOW.plus(Duration.ofHours(2))).build())
        .hasMessage("invalid RequestEvent: timestamp must not be more than 1h in the future "
            + "(latest 2025-03-01T13:00:00Z), got 2025-03-01T14:00:00Z");
  }

  @Test
  void serviceIsRequiredWhenTheEmitterHasNoDefault() {
    try (KlaxonEmitter noDefault = KlaxonEmitter.builder().http(URI.create("http://127.0.0.1:9")).build()) {
      assertThatThrownBy(() -> noDefault.log(LogLevel.info, "hi").build())
          .isInstanceOfSatisfying(InvalidEventException.class,
              e -> assertThat(e.fields()).containsExactly("service"));
    }
  }

  @Test
  void logCarriesItsErrorType() {
    LogEvent event = klaxon.log(LogLevel.error, "boom").error(new IllegalStateException("x"))
        .attributes(Map.of("a", "b")).build();

    assertThat(event.getErrorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(event.getLevel()).isEqualTo(LogLevel.error);
    assertThat(event.getAttributes()).containsExactly(Map.entry("a", "b"));
    assertThat(event.getEnvironment()).as("the emitter's default, as for requests").isEqualTo("production");
    assertThat(klaxon.log(LogLevel.warn, "slow").environment("staging").build().getEnvironment()).isEqualTo("staging");
    assertThatThrownBy(() -> klaxon.log(null, null).build())
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.fields()).containsExactly("level", "message"));
  }

  @Test
  void costIsExactAtNineDecimalsAndNeverRounded() {
    CostEvent event = klaxon.cost("openai", new BigDecimal("0.0123")).userId("u-1").build();
    assertThat(event.getCostUsd()).isEqualTo(new BigDecimal("0.012300000"));

    assertThatThrownBy(() -> klaxon.cost("openai", new BigDecimal("0.0000000001")).userId("u-1").build())
        .hasMessageContaining("costUsd must have at most 9 decimal places, got 0.0000000001");
    assertThatThrownBy(() -> klaxon.cost("openai", new BigDecimal("-1")).build())
        .isInstanceOfSatisfying(InvalidEventException.class,
            e -> assertThat(e.fields()).containsExactly("userId", "costUsd"));
  }

  @Test
  void emitOfAPrebuiltRecordIsValidatedToo() {
    RequestEvent invalid = RequestEvent.newBuilder().setService("s").setRoute("r").setStatus(700)
        .setDurationMs(1).setTimestamp(NOW.toEpochMilli()).build();

    assertThatThrownBy(() -> klaxon.emit(invalid)).hasMessageContaining("status must be between 100 and 599");
    assertThat(klaxon.stats().emitted()).isZero();
  }

  @Test
  void emitterSettingsAreCheckedAtBuild() {
    assertThatThrownBy(() -> KlaxonEmitter.builder().build())
        .hasMessageContaining("choose a transport: http(gatewayUrl, apiKey) or kafka(clientConfig)");
    assertThatThrownBy(() -> KlaxonEmitter.builder().http(URI.create("http://h")).batchSize(20_000).build())
        .hasMessageContaining("batchSize must be at most 10000");
    assertThatThrownBy(() -> KlaxonEmitter.builder().http(URI.create("http://h")).queueCapacity(0).build())
        .hasMessageContaining("queueCapacity must be at least 1");
    assertThatThrownBy(() -> KlaxonEmitter.builder().kafka(Map.of()).build())
        .hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(() -> KlaxonEmitter.builder().http(URI.create("ftp://h"), "k").build())
        .hasMessageContaining("http or https");
  }
}

package dev.klaxon.sink.notify.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.klaxon.sink.InvalidConfigException;
import dev.klaxon.sink.notify.Fixtures;
import dev.klaxon.sink.notify.LogCapture;
import dev.klaxon.sink.notify.Notifier;
import org.junit.jupiter.api.Test;

class LogNotifierTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aFiringGroupIsOneHeadlineAndOneLinePerAlert() throws Exception {
    Notifier notifier = new LogIntegration().create(json.readTree("{}"), "receivers[0].log_configs[0]");

    try (LogCapture log = new LogCapture()) {
      notifier.notify(Fixtures.firingGroup());

      assertThat(log.lines()).containsExactly(
          "oncall [FIRING:3]: service=checkout",
          "  [firing] warning HighErrorRate: 5xx error rate above 1% on checkout (value 0.0123, threshold 0.01)",
          "  [firing] critical HighP95Latency: p95 latency 2350ms on checkout /api/pay (value 2350.0, threshold 2000.0)",
          "  [firing] critical HighP95Latency: p95 latency 2100ms on checkout /api/cart (value 2100.0, threshold 2000.0)");
    }
  }

  @Test
  void resolvedNoticesAreLoggedUnlessTurnedOff() throws Exception {
    Notifier all = new LogIntegration().create(json.readTree("{}"), "r");
    Notifier firingOnly = new LogIntegration().create(json.readTree("{\"send_resolved\": false}"), "r");

    try (LogCapture log = new LogCapture()) {
      firingOnly.notify(Fixtures.resolvedGroup());
      assertThat(log.lines()).isEmpty();

      all.notify(Fixtures.resolvedGroup());
      assertThat(log.lines()).first().isEqualTo("oncall [RESOLVED]: service=checkout");
    }
  }

  @Test
  void theEmbeddedRoutingSendsEverySeverityToTheLog() {
    dev.klaxon.sink.config.SinkConfig embedded = dev.klaxon.sink.config.SinkConfig.embedded();

    assertThat(embedded.receivers()).singleElement().satisfies(receiver ->
        assertThat(receiver.configs()).containsOnlyKeys("log"));
    assertThat(embedded.warnings()).isEmpty();
  }

  @Test
  void unknownKeysAreRefusedByPath() {
    assertThatThrownBy(() -> new LogIntegration().create(json.readTree("{\"url\": \"x\"}"), "receivers[0].log_configs[0]"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("receivers[0].log_configs[0]");
  }
}
